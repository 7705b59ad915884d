// How far gather goes. One command runs the whole sweep (see bench/README.md):
//   dotnet run -c Release --project bench/ScaleBench              1k..1M deliveries, 3 repeats, CPU-bound rows
//   dotnet run -c Release --project bench/ScaleBench -- --max 10000 --repeats 1   a quick look
// Each measurement runs in a fresh child process (this same program with --child, or python3), so one run's heap,
// timers and JIT state never leak into the next, and peak RSS is that run's own.
using System.Globalization;
using ScaleBench;

try
{
    if (args.Length > 0 && args[0] == Child.Flag)
    {
        return await Child.RunAsync(args[1..]);
    }

    Settings? settings = Settings.Parse(args);
    if (settings is null)
    {
        Console.WriteLine(Settings.Usage);
        return 0;
    }

    return await Sweep.RunAsync(settings);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ScaleBench: {error.Message}"));
    return 2;
}

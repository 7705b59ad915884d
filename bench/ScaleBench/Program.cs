// How far gather goes. One command runs the whole sweep (see bench/README.md):
//   dotnet run -c Release --project bench/ScaleBench              1k..1M deliveries, 3 repeats, CPU-bound rows
//   dotnet run -c Release --project bench/ScaleBench -- --max 10000 --repeats 1   a quick look
//   dotnet run -c Release --project bench/ScaleBench -- --from artifacts/bench/scale.json --out DIR   report a saved sweep again
// Each measurement runs in a fresh child process (this same program with --child, or python3), so one run's heap,
// timers and JIT state never leak into the next, and peak RSS is that run's own.
using ScaleBench;
using Tooling;

if (args.Length > 0 && args[0] == Child.Flag)
{
    return await Child.RunAsync(args[1..]);
}

return await ToolCommandLine.RunAsync("ScaleBench", Settings.Command(async (settings, _) =>
{
    if (settings.From is null)
    {
        return await Sweep.RunAsync(settings);
    }

    try
    {
        return Report.Load(settings.From).PrintAndWrite(settings.OutputDirectory);
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync($"ScaleBench: {error.Message.ReplaceLineEndings(" ")}");
        return ToolCommandLine.BadArguments;
    }
}), args);

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DeliveryTimelines;

namespace Tooling;

/// <summary>
/// The command line of every tool (NotebookRunner, Screenshots, ScaleBench), on System.CommandLine: the same
/// <c>--help</c> (exit code 0) everywhere, and a bad argument refused in one line on standard error that names the
/// argument, its value and what is allowed, with exit code 2 and no stack trace. Numbers are read in the invariant
/// culture and must be finite and within the range the tool can use (so a <see cref="TimeSpan"/> or an array size
/// made from them cannot overflow).
/// </summary>
public static class ToolCommandLine
{
    /// <summary>The exit code for a command line that was refused.</summary>
    public const int BadArguments = 2;

    private static readonly ParserConfiguration Parsing = new()
    {
        // "@file" stays an ordinary value (a folder or a name can start with @), not a file of more arguments.
        ResponseFileTokenReplacer = null,
    };

    /// <summary>A root command with <paramref name="description"/> and <paramref name="options"/>, and no <c>--version</c> (the tools have none).</summary>
    public static RootCommand Create(string description, params Option[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = new RootCommand(description);
        foreach (VersionOption version in command.Options.OfType<VersionOption>().ToArray())
        {
            command.Options.Remove(version);
        }

        foreach (Option option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>
    /// Parses <paramref name="args"/> for <paramref name="command"/> and runs it: its help for <c>-h</c>/<c>--help</c>
    /// (exit code 0), its action otherwise (its exit code), or, for a bad command line, the first error as one line
    /// <c>{tool}: {error}</c> on <paramref name="error"/> (exit code <see cref="BadArguments"/>) without running anything.
    /// </summary>
    /// <param name="tool">The tool's name, the start of an error line.</param>
    /// <param name="command">The command, with its options and action.</param>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where help goes; standard output when null.</param>
    /// <param name="error">Where the error line goes; standard error when null.</param>
    public static async Task<int> RunAsync(string tool, RootCommand command, IReadOnlyList<string> args,
        TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ParseResult parsed = command.Parse(args, Parsing);
        if (Refusal(tool, parsed) is { } refusal)
        {
            await (error ?? Console.Error).WriteLineAsync(refusal).ConfigureAwait(false);
            return BadArguments;
        }

        var invocation = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        return await parsed.InvokeAsync(invocation).ConfigureAwait(false);
    }

    /// <summary>The one line a bad command line gets (<c>{tool}: {error}</c>), or null when <paramref name="parsed"/> has no error.</summary>
    public static string? Refusal(string tool, ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        ParseError first = parsed.Errors[0];

        // Our options word their own errors; System.CommandLine's (an unknown argument, an option given twice) get a pointer to the list.
        string message = first.SymbolResult is OptionResult ? first.Message : $"{first.Message} See --help for the options.";
        return $"{tool}: {message.ReplaceLineEndings(" ")}";
    }

    /// <summary>
    /// An option taking a number from <paramref name="min"/> to <paramref name="max"/> (finite, invariant culture, such as 0.25 or 1e-3).
    /// </summary>
    /// <param name="name">The option, such as <c>--scale</c>.</param>
    /// <param name="meaning">What the number is, such as "real seconds per story hour".</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="description">The option's line in the help, before the allowed range.</param>
    /// <param name="defaultValue">The value when the option is not given; null for none (then <c>GetValue</c> returns null).</param>
    public static Option<double?> Number(string name, string meaning, double min, double max, string description, double? defaultValue = null)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentException($"The range of {name} must be finite and in order; got {min} to {max}.", nameof(max));
        }

        string allowed = Invariant($"{meaning}, from {min} to {max}");
        var option = new Option<double?>(name)
        {
            Description = Invariant($"{description} ({allowed})"),
            HelpName = "number",
            Arity = ArgumentArity.ZeroOrOne, // so a missing value is worded here, with what is allowed
            CustomParser = result => Read<double?>(result, name, allowed, text =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                && value >= min && value <= max ? value : null),
        };
        if (defaultValue is double given)
        {
            option.DefaultValueFactory = _ => given;
        }

        return RequireValue(option, allowed);
    }

    /// <summary>
    /// The <c>--scale</c> option: real seconds per story hour, exactly the story clock's range
    /// (<see cref="StoryClock.MinSecondsPerHour"/> to <see cref="StoryClock.MaxSecondsPerHour"/>),
    /// worded as the samples word it, so every command takes the same clock scales and refuses the rest alike.
    /// </summary>
    /// <param name="description">The option's line in the help, before the allowed range.</param>
    public static Option<double?> Scale(string description) =>
        Number("--scale", "real seconds per story hour", StoryClock.MinSecondsPerHour, StoryClock.MaxSecondsPerHour, description);

    /// <summary>
    /// An option taking a whole number from <paramref name="min"/> to <paramref name="max"/>; digits may be grouped
    /// with <c>,</c> or <c>_</c> (1,000,000 or 1_000_000).
    /// </summary>
    /// <param name="name">The option, such as <c>--repeats</c>.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="description">The option's line in the help, before the allowed range.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    public static Option<int> WholeNumber(string name, int min, int max, string description, int defaultValue)
    {
        if (min > max || defaultValue < min || defaultValue > max)
        {
            throw new ArgumentException($"The range of {name} must be in order and hold its default; got {min} to {max}, default {defaultValue}.", nameof(defaultValue));
        }

        string allowed = Invariant($"a whole number from {min} to {max}");
        return RequireValue(new Option<int>(name)
        {
            Description = Invariant($"{description} ({allowed})"),
            HelpName = "n",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Read<int?>(result, name, allowed, text =>
                int.TryParse(text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal),
                    NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max ? value : null) ?? defaultValue,
        }, allowed);
    }

    /// <summary>An option taking a non-empty text, such as a folder or part of a name.</summary>
    /// <param name="name">The option, such as <c>--out</c>.</param>
    /// <param name="meaning">What the text is, such as "a folder for the charts".</param>
    /// <param name="description">The option's line in the help.</param>
    public static Option<string?> Text(string name, string meaning, string description) => new(name)
    {
        Description = description,
        HelpName = "text",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => Read<string>(result, name, meaning, text => string.IsNullOrWhiteSpace(text) ? null : text),
    };

    /// <summary>An option taking one of a few words, such as an edition.</summary>
    /// <param name="name">The option, such as <c>--edition</c>.</param>
    /// <param name="allowed">The words it takes (compared exactly).</param>
    /// <param name="description">The option's line in the help, before the words it takes.</param>
    /// <param name="defaultValue">The value when the option is not given: one of <paramref name="allowed"/>.</param>
    public static Option<string> OneOf(string name, IReadOnlyList<string> allowed, string description, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (!allowed.Contains(defaultValue, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The default of {name}, '{defaultValue}', is not one of {string.Join(", ", allowed)}.", nameof(defaultValue));
        }

        string words = $"one of {string.Join(", ", allowed)}";
        return RequireValue(new Option<string>(name)
        {
            Description = $"{description} ({words})",
            HelpName = "word",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Read(result, name, words, text => allowed.Contains(text, StringComparer.Ordinal) ? text : null) ?? defaultValue,
        }, words);
    }

    /// <summary>
    /// An option taking the folder a tool writes to, checked as it is parsed (<see cref="OutputFolder.Check"/>): a
    /// file, a folder under a file, or a folder nothing may be written to is refused in one line before any work
    /// starts, not after a run of minutes.
    /// </summary>
    /// <param name="name">The option, such as <c>--out</c>.</param>
    /// <param name="description">The option's line in the help.</param>
    public static Option<string?> Folder(string name, string description)
    {
        Option<string?> option = Text(name, "a folder", description);
        option.Validators.Add(result =>
        {
            // A missing or blank value is the parser's to word (see Text); only a folder given is checked here.
            if (result.Tokens is not [{ Value: var folder }] || string.IsNullOrWhiteSpace(folder))
            {
                return;
            }

            try
            {
                OutputFolder.Check(folder);
            }
            catch (IOException e)
            {
                result.AddError($"{name} {e.Message}");
            }
        });
        return option;
    }

    // An option given without its value: System.CommandLine would quietly take the default, so it is refused here.
    private static TOption RequireValue<TOption>(TOption option, string allowed)
        where TOption : Option
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.Tokens.Count == 0)
            {
                result.AddError($"{option.Name} needs a value: {allowed}.");
            }
        });
        return option;
    }

    // One value, or an error that names the option, the value given and what is allowed.
    private static T? Read<T>(ArgumentResult result, string name, string allowed, Func<string, T?> parse)
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError($"{name} needs a value: {allowed}.");
            return default;
        }

        string text = result.Tokens[0].Value;
        T? value = parse(text);
        if (value is null)
        {
            result.AddError($"{name} must be {allowed}; got '{text}'.");
        }

        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

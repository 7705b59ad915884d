namespace DeliveryTimelines;

/// <summary>
/// A value set in a lesson's parameters cell (or on a sample's command line) that the story cannot run with: the
/// exception <see cref="Parameters"/> throws, whose message is the whole report.
/// </summary>
/// <remarks>
/// <para>
/// Why a type of its own: the notebook kernel reports a failed cell with the exception's <see cref="ToString"/>, which
/// for other exceptions puts the type name first and the stack trace after the message. For a bad value the message
/// already says everything (the customer, the field, the value, what is allowed), and the only frame would be the
/// check called at the end of the parameters cell, the very cell the kernel marks as failed. So
/// <see cref="ToString"/> is the message alone, and <see cref="Parameters"/>' own frames are hidden from the trace.
/// </para>
/// <para>
/// Nothing is lost: <see cref="Exception.StackTrace"/> still holds where it was thrown, and it is an
/// <see cref="ArgumentException"/> with <see cref="ArgumentException.ParamName"/> set, so code that catches argument
/// errors catches it. Only the checks in <see cref="Parameters"/> throw it, after finding a bad value; a bug anywhere
/// else still throws its own exception with its full trace.
/// </para>
/// </remarks>
public sealed class BadParameterException : ArgumentException
{
    private readonly string? _report;

    /// <summary>Creates the report of a bad value of <paramref name="paramName"/>.</summary>
    /// <param name="message">One line: the value, where it is, and what is allowed.</param>
    /// <param name="paramName">The variable in the parameters cell that holds the bad value.</param>
    /// <param name="innerException">What the library said about the value, when it said something.</param>
    public BadParameterException(string message, string? paramName, Exception? innerException = null)
        : base(message, paramName, innerException)
    {
        _report = message;
    }

    /// <summary>Creates a report with the default message.</summary>
    public BadParameterException()
    {
    }

    /// <summary>Creates a report with a message of its own.</summary>
    public BadParameterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a report with a message and its cause.</summary>
    public BadParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The report: one line that already names the variable, so no "(Parameter '…')" is added to it.</summary>
    public override string Message => _report ?? base.Message;

    /// <summary>The report alone, as the notebook kernel shows a failed cell: see the remarks.</summary>
    public override string ToString() => Message;
}

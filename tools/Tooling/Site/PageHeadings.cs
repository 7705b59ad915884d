namespace Tooling;

/// <summary>One heading of a page: its level (1 for the title), its id, its text.</summary>
public sealed record PageHeading(int Level, string Id, string Text);

/// <summary>
/// The headings of one page, across all its cells: each gets an id no other element of the page has (a repeated one
/// takes "-1", "-2", as GitHub numbers them), and the page's table of contents is made from them.
/// </summary>
/// <param name="taken">Ids the page uses for other elements (such as the main content's "content").</param>
public sealed class PageHeadings(params string[] taken)
{
    private readonly HashSet<string> _ids = new(taken, StringComparer.Ordinal);
    private readonly List<PageHeading> _headings = [];

    /// <summary>The headings so far, in page order.</summary>
    public IReadOnlyList<PageHeading> All => _headings;

    /// <summary>Adds a heading whose id would be <paramref name="id"/>, and returns the id it gets.</summary>
    public string Add(int level, string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        string unique = id;
        for (int n = 1; !_ids.Add(unique); n++)
        {
            unique = $"{id}-{n}";
        }

        _headings.Add(new PageHeading(level, unique, text));
        return unique;
    }
}

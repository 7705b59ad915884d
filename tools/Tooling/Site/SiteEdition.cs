namespace Tooling;

/// <summary>
/// One language of the site: its pages' <c>lang</c>, the folder they go to under the site, the words of the site's own
/// chrome (navigation, headings of the index) and the name the language switch shows.
/// </summary>
/// <param name="Language">The BCP 47 language tag of the pages.</param>
/// <param name="Folder">The folder under the site ("" for the main edition).</param>
/// <param name="Name">The language's own name, as the switch to it shows it.</param>
/// <param name="Words">The site's own words in this language.</param>
public sealed record SiteEdition(string Language, string Folder, string Name, SiteWords Words)
{
    /// <summary>The English edition: the notebooks in notebooks/, pages at the site's top.</summary>
    public static readonly SiteEdition English = new("en", string.Empty, "English", new SiteWords(
        SiteTitle: "Concurrency in C#, the asyncio way",
        Lessons: "The lessons",
        Home: "All lessons",
        Previous: "Previous",
        Next: "Next",
        Pictures: "Pictures",
        RunIt: "Run it yourself",
        Output: "Output",
        Pager: "Lessons",
        Source: "The notebook",
        OutputsOfRun: "Outputs as it ran headless",
        OutputsOfOriginal: "Outputs as the English notebook, with the same code, ran headless",
        SkipToContent: "Skip to the lesson",
        Contents: "On this page",
        Language: "Language"));

    /// <summary>The Korean edition: the notebooks in notebooks/ko/, pages in ko/.</summary>
    public static readonly SiteEdition Korean = new("ko", "ko", "한국어", new SiteWords(
        SiteTitle: "asyncio 방식으로 배우는 C# 동시성",
        Lessons: "강의 목록",
        Home: "전체 강의",
        Previous: "이전",
        Next: "다음",
        Pictures: "그림",
        RunIt: "직접 실행하기",
        Output: "출력",
        Pager: "강의",
        Source: "노트북",
        OutputsOfRun: "출력은 이 노트북을 헤드리스로 실행한 결과입니다",
        OutputsOfOriginal: "출력은 코드가 같은 영어판 노트북을 헤드리스로 실행한 결과입니다",
        SkipToContent: "본문으로 건너뛰기",
        Contents: "이 페이지의 내용",
        Language: "언어"));
}

/// <summary>The words of the site's own navigation and headings in one language.</summary>
public sealed record SiteWords(
    string SiteTitle, string Lessons, string Home, string Previous, string Next, string Pictures, string RunIt,
    string Output, string Pager, string Source, string OutputsOfRun, string OutputsOfOriginal, string SkipToContent, string Contents, string Language);

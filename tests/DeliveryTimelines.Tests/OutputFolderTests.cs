using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>The folder charts go to is checked before any work: these are the cases a run used to end on, with a stack trace.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("output-folder-").FullName;

    [Fact]
    public void A_folder_that_exists_or_can_be_made_passes_and_nothing_stays_behind()
    {
        OutputFolder.Check(_dir);
        OutputFolder.Check(Path.Combine(_dir, "not", "yet"));

        Assert.Empty(Directory.GetFileSystemEntries(_dir)); // not even the folders: they are made when the charts are saved
    }

    [Fact]
    public void A_file_is_refused_saying_so()
    {
        string file = Path.Combine(_dir, "charts");
        File.WriteAllText(file, "keep me");

        Assert.Equal($"'{file}' is a file; give a folder (it is made if it does not exist).", Assert.Throws<IOException>(() => OutputFolder.Check(file)).Message);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void A_folder_under_a_file_is_refused_naming_the_file()
    {
        string file = Path.Combine(_dir, "charts");
        File.WriteAllText(file, "");

        Assert.Equal($"'{file}/a/b' cannot be made: '{file}' is a file, not a folder.",
            Assert.Throws<IOException>(() => OutputFolder.Check(Path.Combine(file, "a", "b"))).Message);
    }

    /// <summary>Root ignores mode bits; nobody may make a file in sysfs or procfs, so these fail for any user.</summary>
    [Theory]
    [InlineData("/sys/kernel", "'/sys/kernel' is not a folder files can be written to (")]
    [InlineData("/sys/kernel/charts", "'/sys/kernel/charts' cannot be made: nothing can be written in '/sys/kernel' (")]
    [InlineData("/proc/self", "'/proc/self' is not a folder files can be written to (it takes no new files); give another folder.")]
    public void A_folder_nothing_may_be_written_to_is_refused_saying_why(string folder, string message)
    {
        var error = Assert.Throws<IOException>(() => OutputFolder.Check(folder));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

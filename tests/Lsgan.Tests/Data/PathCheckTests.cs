using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class PathCheckTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<IDisposable> sockets = [];

    public void Dispose()
    {
        sockets.ForEach(s => s.Dispose());
        temp.Dispose();
    }

    private string Plant(string kind)
    {
        string path = temp.Combine("entry");
        switch (kind)
        {
            case "file": HostileFiles.Bytes(path, [1, 2, 3]); break;
            case "folder": Directory.CreateDirectory(path); break;
            case "link to file": HostileFiles.Bytes(path + ".real", [1]); HostileFiles.Link(path, path + ".real"); break;
            case "link to folder": Directory.CreateDirectory(path + ".real"); HostileFiles.Link(path, path + ".real"); break;
            case "broken link": HostileFiles.Link(path, temp.Combine("gone")); break;
            case "link loop": HostileFiles.LinkLoop(path); break;
            case "named pipe": HostileFiles.Fifo(path); break;
            case "link to a device": HostileFiles.Link(path, "/dev/zero"); break;
            case "socket": sockets.Add(HostileFiles.Socket(path)); break;
            case "missing": break;
        }
        return path;
    }

    [Theory]
    [InlineData("file", PathKind.File)]
    [InlineData("folder", PathKind.Folder)]
    [InlineData("link to file", PathKind.File)]
    [InlineData("link to folder", PathKind.Folder)]
    [InlineData("broken link", PathKind.BrokenLink)]
    [InlineData("link loop", PathKind.LinkLoop)]
    [InlineData("named pipe", PathKind.NamedPipe)]
    [InlineData("link to a device", PathKind.Device)]
    [InlineData("socket", PathKind.Socket)]
    [InlineData("missing", PathKind.Missing)]
    public void Given_an_entry_of_each_kind_When_classified_Then_its_kind_is_told_without_opening_it(string kind, PathKind expected)
    {
        string path = Plant(kind);

        var kindFound = Bounded.Completes(() => PathCheck.Classify(path));

        Assert.Equal(expected, kindFound);
    }

    [Theory]
    [InlineData("broken link", "is a symbolic link to ")]
    [InlineData("link loop", "is a symbolic link that loops")]
    [InlineData("named pipe", "is not a regular file but a named pipe")]
    [InlineData("link to a device", "is not a regular file but a device")]
    [InlineData("socket", "is not a regular file but a socket")]
    [InlineData("folder", "is a folder, not a regular file")]
    [InlineData("missing", "does not exist")]
    public void Given_anything_but_a_regular_file_When_opened_for_reading_Then_it_is_refused_naming_what_it_is(string kind, string expected)
    {
        string path = Plant(kind);
        var before = TreeSnapshot.Take(temp.Path);

        var error = Bounded.Refuses(() => PathCheck.OpenRead(path).Dispose());

        Assert.StartsWith(path + " ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("link to file")]
    public void Given_a_regular_file_or_a_link_to_one_When_opened_for_reading_Then_its_bytes_are_read(string kind)
    {
        string path = Plant(kind);

        using var stream = PathCheck.OpenRead(path);

        Assert.NotEqual(-1, stream.ReadByte());
    }

    [Theory]
    [InlineData("file", "is a file, not a folder")]
    [InlineData("broken link", "is a symbolic link to ")]
    [InlineData("link loop", "is a symbolic link that loops")]
    [InlineData("named pipe", "is not a regular file but a named pipe")]
    public void Given_something_in_the_way_of_a_folder_When_the_folder_is_ensured_Then_it_is_refused_and_left_alone(string kind, string expected)
    {
        string path = Plant(kind);
        var before = TreeSnapshot.Take(temp.Path);

        var error = Bounded.Refuses(() => PathCheck.EnsureFolder(path, $"The folder {path}", "choose another"));

        Assert.StartsWith($"The folder {path} {expected}", error.Message);
        Assert.EndsWith("lsgan will not replace it: choose another.", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("folder")]
    [InlineData("link to folder")]
    public void Given_nothing_or_a_folder_When_the_folder_is_ensured_Then_a_folder_is_there(string kind)
    {
        string path = Plant(kind);

        PathCheck.EnsureFolder(Path.Combine(path, "sub"), "The folder", "choose another");

        Assert.True(Directory.Exists(Path.Combine(path, "sub")));
    }

    [Fact]
    public void Given_a_folder_path_under_a_regular_file_When_ensured_Then_it_cannot_be_created_and_the_file_is_kept()
    {
        string file = Plant("file");

        var error = Assert.Throws<LsganException>(
            () => PathCheck.EnsureFolder(Path.Combine(file, "sub"), "The folder x", "choose another"));

        Assert.StartsWith("The folder x cannot be created (", error.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(file));
    }
}

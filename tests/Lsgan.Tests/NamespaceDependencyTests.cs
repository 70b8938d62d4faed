using System.Text.RegularExpressions;

namespace Lsgan.Tests;

/// <summary>The library's namespaces depend on each other one way only, in the order README's Layout gives.</summary>
public class NamespaceDependencyTests
{
    private static readonly Lazy<NamespaceGraph> Library = new(() =>
        NamespaceGraph.Of(typeof(LsganException).Assembly, Path.Combine(RepositoryRoot(), "src", "Lsgan")));

    [Fact]
    public void No_namespace_of_the_library_uses_one_that_uses_it_back()
    {
        var cycle = Library.Value.FindCycle();

        Assert.True(cycle is null, $"Namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Each_namespace_uses_only_the_folders_its_row_in_the_README_Layout_allows()
    {
        var allowed = LayoutTable();

        foreach (var (name, uses) in Library.Value.Edges.Where(edge => edge.Key != "Lsgan"))
        {
            Assert.True(allowed.ContainsKey(name), $"{name} has no row in README's Layout table.");
            var forbidden = uses.Where(used => used != "Lsgan" && !allowed[name].Contains(used)).Order().ToList();
            Assert.True(forbidden.Count == 0, $"{name} uses {string.Join(", ", forbidden)}, which its Layout row does not list.");
        }
    }

    [Fact]
    public void Given_the_library_when_its_graph_is_read_then_uses_through_code_alone_are_found()
    {
        var edges = Library.Value.Edges;

        // Lsgan.Evaluation implements Training's IRunEvaluator; Models.Layers is named in ModelFactory's IL only;
        // LsganException (namespace Lsgan) is thrown everywhere without a using.
        Assert.Contains("Lsgan.Training", edges["Lsgan.Evaluation"]);
        Assert.Contains("Lsgan.Models.Layers", edges["Lsgan.Models"]);
        Assert.Contains("Lsgan", edges["Lsgan.Metrics"]);
        Assert.Contains("Lsgan.Features", edges["Lsgan.Features.Training"]);
    }

    [Fact]
    public void Given_a_graph_with_a_cycle_when_searched_then_the_cycle_is_returned()
    {
        var graph = NamespaceGraph.From(new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A", "D"], ["D"] = [],
        });

        Assert.Equal(["A", "B", "C", "A"], graph.FindCycle());
        Assert.Null(NamespaceGraph.From(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }).FindCycle());
    }

    /// <summary>The rows of README's Layout table: the folder's namespace and those of the folders it may use.</summary>
    private static Dictionary<string, HashSet<string>> LayoutTable()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        string layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        static string Namespace(string folder) => "Lsgan." + folder.Replace('/', '.');
        return Regex.Matches(layout, @"^\| `(?<folder>[A-Za-z/]+)/` \|.*\| (?<uses>[^|]*) \|$", RegexOptions.Multiline)
            .ToDictionary(
                row => Namespace(row.Groups["folder"].Value),
                row => Regex.Matches(row.Groups["uses"].Value, "`([A-Za-z/]+)`").Select(use => Namespace(use.Groups[1].Value)).ToHashSet());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "Lsgan", "Lsgan.csproj"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"No src/Lsgan above {AppContext.BaseDirectory}: the test reads the library's sources.");
    }
}

namespace Lsgan.Data;

/// <summary>
/// Which package lists <c>apt-get</c> reads: the system's (<see cref="SystemLists"/>), or a private set kept in a
/// folder of ours, so that a machine whose lists are empty (apt-get update never ran, as in fresh containers)
/// can still fetch a package without root and without touching the system's apt state.
/// </summary>
/// <remarks>
/// The private set redirects every place apt writes to: the lists (<c>Dir::State::Lists</c>), the package
/// cache and archives (<c>Dir::Cache</c>) and the installed-package database (<c>Dir::State::status</c>, an empty
/// file: nothing is installed, only downloaded). The sources are still the system's own, so the same mirrors
/// and keys are used. Translations and AppStream metadata are skipped: only the package index is needed.
/// </remarks>
internal sealed class AptLists
{
    private readonly string? privateRoot;

    private AptLists(string? privateRoot) => this.privateRoot = privateRoot;

    /// <summary>The system's lists in /var/lib/apt/lists, as a plain <c>apt-get</c> reads them.</summary>
    public static AptLists SystemLists { get; } = new(null);

    /// <summary>A private set under <paramref name="root"/>, created empty (run <see cref="UpdateArguments"/> first).</summary>
    public static AptLists PrivateIn(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(root, "cache", "archives", "partial"));
        File.WriteAllBytes(Path.Combine(root, "status"), []);
        return new AptLists(Path.GetFullPath(root));
    }

    /// <summary>Whether this is a private set.</summary>
    public bool IsPrivate => privateRoot is not null;

    /// <summary>A phrase for progress messages.</summary>
    public string Describe() => privateRoot is null ? "the system's package lists" : $"private package lists in {privateRoot}";

    /// <summary>The arguments of <c>apt-get update</c> into these lists.</summary>
    public IReadOnlyList<string> UpdateArguments() =>
    [
        .. Options(),
        "-o", "Acquire::Languages=none",
        "-o", "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false",
        "update",
    ];

    /// <summary>The arguments of <c>apt-get download <paramref name="package"/></c> from these lists.</summary>
    public IReadOnlyList<string> DownloadArguments(string package) => [.. Options(), "download", package];

    private IEnumerable<string> Options()
    {
        if (privateRoot is null)
            yield break;
        yield return "-o";
        yield return $"Dir::State::Lists={Path.Combine(privateRoot, "lists")}";
        yield return "-o";
        yield return $"Dir::Cache={Path.Combine(privateRoot, "cache")}";
        yield return "-o";
        yield return $"Dir::State::status={Path.Combine(privateRoot, "status")}";
        // As root, apt hands downloads to its unprivileged '_apt' user, which cannot write into a folder of ours
        // under root's home; it then warns and downloads as root anyway. Naming ourselves avoids the warning. As
        // an ordinary user apt never switches user, so the setting changes nothing there.
        yield return "-o";
        yield return $"APT::Sandbox::User={Environment.UserName}";
    }
}

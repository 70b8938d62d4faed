namespace Lsgan.Cli.Commands;

/// <summary>The studies lsgan ships, each reproducing a published comparison (named in --help and the README).</summary>
internal static class StudyPresets
{
    private static readonly (string Label, IReadOnlyList<string> Arguments)[] Losses = [("bce", ["--loss", "bce"]), ("ls", ["--loss", "ls"])];

    public static readonly IReadOnlyDictionary<string, (string Cites, StudySpec Spec)> All = new Dictionary<string, (string, StudySpec)>
    {
        ["bn"] = ("the Fashion-MNIST reproduction of GAN vs LSGAN with and without batch norm (one run each, 200 epochs: "
            + "GAN 66.7 / LSGAN 48.7 Inception FID without BN, 144.4 / 74.1 with BN): loss {bce, ls} x batch norm {off in G and D, on in G and D}",
            new StudySpec("bn",
            [
                ("loss", Losses),
                ("batchnorm", [("nobn", ["--no-g-batchnorm", "--no-d-batchnorm"]), ("bn", ["--g-batchnorm", "--d-batchnorm"])]),
            ],
            ["--dataset", "fashion-mnist"])),
        ["stability"] = ("Mao et al. 2017, Sec. 4.3 (stability): loss {bce, ls} x {no BN in G, Adam; no BN in G nor D, RMSProp}",
            new StudySpec("stability",
            [
                ("loss", Losses),
                ("architecture", [("gnobn-adam", ["--no-g-batchnorm", "--d-batchnorm", "--optimizer", "adam"]),
                    ("nobn-rmsprop", ["--no-g-batchnorm", "--no-d-batchnorm", "--optimizer", "rmsprop"])]),
            ],
            ["--dataset", "fashion-mnist"])),
        ["labels"] = ("Mao et al. 2017, Sec. 3.2 label choices: least squares 0-1-1 and chi2 (a,b,c) = (-1,1,0) against the regular GAN",
            new StudySpec("labels",
            [
                ("loss", [("bce", ["--loss", "bce"]), ("ls01", ["--loss", "ls", "--labels", "01"]), ("lschi2", ["--loss", "ls", "--labels", "chi2"])]),
            ],
            ["--dataset", "fashion-mnist"])),
    };

    /// <summary>Each preset and what it reproduces, for --help.</summary>
    public static string Describe() => string.Join("; ", All.Select(p => $"{p.Key}: {p.Value.Cites}"));
}

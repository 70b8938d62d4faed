using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// A colour image set made from a grayscale one, for demonstrating colour networks where no colour photographs
/// can be downloaded: each image gets a random hue, its ink drawn in that hue (saturation 0.6 to 1) on a dark
/// background of the opposite hue, and is resized bilinearly to a square side. Written as an image folder with one
/// sub-folder per class ("00-T-shirt-top", ...), so the set keeps its labels; deterministic per seed.
/// </summary>
public static class TintedImages
{
    /// <summary>
    /// Writes <paramref name="count"/> images of <paramref name="source"/> (chosen by the seed without repetition)
    /// as <paramref name="size"/> x <paramref name="size"/> RGB PNGs into the new folder <paramref name="outDir"/>.
    /// The set is written into a sibling folder first and renamed at the end, so a failure leaves nothing behind.
    /// </summary>
    public static void Write(IImageSet source, string outDir, int count, int size, long seed, IProgress<string>? progress = null)
    {
        if (count < 1 || count > source.Count)
            throw new LsganException($"The tinted set can hold 1 to {source.Count:N0} images (the source's count), not {count:N0}.");
        if (size is < 1 or > ImageFiles.MaxImageSide)
            throw new LsganException($"The tinted images' side must be between 1 and {ImageFiles.MaxImageSide}, not {size}.");
        if (PathCheck.Classify(outDir) != PathKind.Missing)
            throw new LsganException($"{outDir} already exists; give --out a new folder (lsgan does not write into existing ones).");
        string partial = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outDir))!, $".{Path.GetFileName(Path.GetFullPath(outDir))}.{Guid.NewGuid():N}.partial");
        string[] folders = [.. source.ClassNames.Select((name, i) => $"{i:D2}-{Slug(name)}")];
        try
        {
            using (torch.NewDisposeScope())
            {
                var generator = new Generator((ulong)seed);
                var chosen = torch.randperm(source.Count, generator: generator).narrow(0, 0, count);
                var gray = source.Images.index_select(0, chosen).add(1).div(2);
                var labels = source.HasLabels ? source.Labels.index_select(0, chosen).data<long>().ToArray() : null;
                var hue = torch.rand(count, generator: generator);
                var saturation = torch.rand(count, generator: generator).mul(0.4).add(0.6);
                var ink = Hsv(hue, saturation, torch.ones(count));
                var background = Hsv(hue.add(0.5).remainder(1), saturation, torch.full(count, 0.2f));
                var rgb = gray.mul(ink.view(count, 3, 1, 1)).add(gray.neg().add(1).mul(background.view(count, 3, 1, 1)));
                var resized = nn.functional.interpolate(rgb, [size, size], mode: InterpolationMode.Bilinear, align_corners: false)
                    .clamp(0, 1).mul(2).sub(1);
                for (int i = 0; i < count; i++)
                {
                    string folder = labels is null ? partial : Path.Combine(partial, folders[labels[i]]);
                    using var image = resized[i];
                    ImageFiles.SavePng(image, Path.Combine(folder, $"{i:D6}.png"));
                    if ((i + 1) % 1000 == 0)
                        progress?.Report($"Wrote {i + 1:N0} of {count:N0} tinted images");
                }
            }
            Directory.Move(partial, outDir);
        }
        finally
        {
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
        }
    }

    /// <summary>RGB [N, 3] in [0, 1] of hue, saturation and value, each [N] in [0, 1] (the standard hexcone model).</summary>
    internal static Tensor Hsv(Tensor hue, Tensor saturation, Tensor value)
    {
        // Each channel n (5 for red, 3 for green, 1 for blue): v - v s clamp(min(k, 4 - k), 0, 1), k = (n + 6 h) mod 6.
        Tensor Channel(double n)
        {
            var k = hue.mul(6).add(n).remainder(6);
            return value.sub(value.mul(saturation).mul(torch.minimum(k, k.neg().add(4)).clamp(0, 1)));
        }
        return torch.stack([Channel(5), Channel(3), Channel(1)], 1);
    }

    private static string Slug(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}

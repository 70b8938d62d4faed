using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>Reads an image set for 'lsgan fid': a folder of PNG/JPEG files or an IDX images file.</summary>
internal static class ImageSetLoading
{
    /// <summary>Images [N, 1, 28, 28] in [−1, 1]; the caller disposes them.</summary>
    public static Tensor Load(string path)
    {
        if (Directory.Exists(path))
        {
            var folder = ImageFolder.Load(path, new ImageFolderOptions(1, 28, 28));
            return folder.Images;
        }
        // Anything else that is there (a broken link, a pipe) is named as what it is by the IDX reader.
        if (PathCheck.Classify(path) == PathKind.Missing) throw new LsganException($"{path} is neither a folder of images nor an IDX file.");
        var idx = IdxReader.Read(path);
        if (idx.Shape is not [_, 28, 28])
            throw new LsganException($"{path} holds IDX data of shape [{string.Join(", ", idx.Shape)}], not 28x28 images.");
        using var bytes = tensor(idx.Data, [idx.Shape[0], 1, 28, 28]);
        return bytes.to(float32) / 127.5 - 1;
    }
}

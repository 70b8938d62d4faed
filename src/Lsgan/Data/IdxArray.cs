namespace Lsgan.Data;

/// <summary>
/// The contents of one IDX file (the format of MNIST and Fashion-MNIST): its dimensions, outermost
/// first, and its unsigned-byte payload in row-major order.
/// </summary>
/// <param name="Shape">Dimensions, e.g. [60000, 28, 28] for an images file or [60000] for labels.</param>
/// <param name="Data">The payload; its length is the product of <paramref name="Shape"/>.</param>
public sealed record IdxArray(int[] Shape, byte[] Data)
{
    /// <summary>The size of the first dimension: the number of images or labels.</summary>
    public int Count => Shape[0];
}

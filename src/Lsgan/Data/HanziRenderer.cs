using SkiaSharp;

namespace Lsgan.Data;

/// <summary>
/// Renders hanzi stroke outlines (<see cref="HanziGlyphs"/>) as 28 x 28 white-on-black images, MNIST's layout, with
/// jitter so that the samples of one character differ as handwriting does: the whole character gets a small
/// random affine warp (rotation, scale, aspect, shear, shift) and each stroke its own (rotation and scale about
/// the stroke's centre, shift) and its own thickening. Each class draws from its own random stream, seeded by
/// the seed and the class index, so class k's samples do not depend on how many classes are rendered, and the
/// classes can be rendered in parallel with the same bytes.
/// </summary>
public static class HanziRenderer
{
    /// <summary>Image side in pixels.</summary>
    public const int Size = 28;

    /// <summary>Bumped whenever the drawing changes, so cached renderings of older code are not reused.</summary>
    public const int Version = 1;

    // The 1024-unit glyph box maps onto the central 26 x 26 pixels, a pixel of margin each side before jitter.
    private const float BoxUnits = 1024, BoxPixels = 26, Baseline = 900;

    /// <summary>
    /// Renders <paramref name="samples"/> images of each glyph (<paramref name="strokes"/>[k] for class k) into one
    /// array, class by class: bytes [classes x samples, 28, 28], 0 background, 255 ink.
    /// </summary>
    public static byte[] Render(IReadOnlyList<string[]> strokes, int samples, long seed,
        IProgress<int>? classesDone = null)
    {
        const int imageBytes = Size * Size;
        var output = new byte[(long)strokes.Count * samples * imageBytes];
        int done = 0;
        try
        {
            RenderClasses();
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<LsganException>().FirstOrDefault() is { } expected)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(expected);
        }
        return output;

        void RenderClasses() => Parallel.For(0, strokes.Count, () => new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Alpha8, SKAlphaType.Premul)),
            (k, _, bitmap) =>
            {
                var paths = strokes[k].Select(Parse).ToArray();
                try
                {
                    var random = new Random(ClassSeed(seed, k));
                    for (int s = 0; s < samples; s++)
                    {
                        Draw(bitmap, paths, random);
                        bitmap.GetPixelSpan().CopyTo(output.AsSpan((int)(((long)k * samples + s) * imageBytes), imageBytes));
                    }
                }
                finally
                {
                    foreach (var path in paths)
                        path.Dispose();
                }
                int count = Interlocked.Increment(ref done);
                if (count % 250 == 0 || count == strokes.Count)
                    classesDone?.Report(count);
                return bitmap;
            },
            bitmap => bitmap.Dispose());
    }

    /// <summary>One image of a glyph with the jitter drawn from <paramref name="random"/>.</summary>
    internal static void Draw(SKBitmap bitmap, IReadOnlyList<SKPath> strokes, Random random)
    {
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.StrokeAndFill, StrokeJoin = SKStrokeJoin.Round };

        // Glyph units (y up, baseline at 900) to pixels, with the character's own warp about the box centre.
        float scale = BoxPixels / BoxUnits;
        var glyph = SKMatrix.CreateTranslation(Size / 2f, Size / 2f)
            .PreConcat(SKMatrix.CreateRotationDegrees(Normal(random, 0, 4, 10)))
            .PreConcat(SKMatrix.CreateSkew(Uniform(random, -0.12f, 0.12f), 0))
            .PreConcat(SKMatrix.CreateScale(Uniform(random, 0.85f, 1.05f) * Uniform(random, 0.92f, 1.08f), Uniform(random, 0.85f, 1.05f)))
            .PreConcat(SKMatrix.CreateTranslation(Uniform(random, -1f, 1f), Uniform(random, -1f, 1f)))
            .PreConcat(SKMatrix.CreateScale(scale, -scale))
            .PreConcat(SKMatrix.CreateTranslation(-BoxUnits / 2, -(Baseline - BoxUnits / 2)));
        // How heavy this writer's pen is, in glyph units added to the outline's width (a pixel is 39 units).
        float pen = Uniform(random, 0, 30);
        foreach (var stroke in strokes)
        {
            var bounds = stroke.Bounds;
            float scaleStroke = Uniform(random, 0.88f, 1.12f);
            var own = SKMatrix.CreateTranslation(bounds.MidX + Uniform(random, -25, 25), bounds.MidY + Uniform(random, -25, 25))
                .PreConcat(SKMatrix.CreateRotationDegrees(Uniform(random, -6, 6)))
                .PreConcat(SKMatrix.CreateScale(scaleStroke, scaleStroke))
                .PreConcat(SKMatrix.CreateTranslation(-bounds.MidX, -bounds.MidY));
            canvas.SetMatrix(glyph.PreConcat(own));
            paint.StrokeWidth = pen + Uniform(random, 0, 30);
            canvas.DrawPath(stroke, paint);
        }
        canvas.Flush();
    }

    /// <summary>One stroke's SVG path; an unparsable one is an <see cref="LsganException"/>.</summary>
    internal static SKPath Parse(string svg) =>
        SKPath.ParseSvgPathData(svg) ?? throw new LsganException($"A hanzi stroke outline is not an SVG path: '{svg[..Math.Min(svg.Length, 40)]}'.");

    private static int ClassSeed(long seed, int classIndex)
    {
        // SplitMix64's finaliser over the pair, so neighbouring seeds and classes get unrelated streams.
        ulong z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)classIndex * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static float Uniform(Random random, float low, float high) => low + (float)random.NextDouble() * (high - low);

    // A normal draw (Box-Muller) cut at ±limit, so no sample is turned on its side.
    private static float Normal(Random random, float mean, float deviation, float limit)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        return mean + (float)Math.Clamp(z * deviation, -limit, limit);
    }
}

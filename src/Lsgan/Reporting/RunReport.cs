using System.Globalization;
using System.Text.Json.Nodes;
using Lsgan.Training;

namespace Lsgan.Reporting;

/// <summary>
/// One run's page: its config, its evaluation beside the real-data floor, the loss, D-output and FID curves, and
/// the sample grids over time (a slider over the fixed-noise grids, and the strip of all of them).
/// </summary>
public static class RunReport
{
    /// <summary>Whether <paramref name="directory"/> is a run directory (what 'lsgan train' makes).</summary>
    public static bool IsRun(string directory) => RunDirectory.HoldsTrainedRun(directory);

    public static string Render(string directory)
    {
        var run = RunDirectory.Open(directory);
        var config = JsonNode.Parse(File.ReadAllText(run.ConfigFile))!.AsObject();
        var page = new HtmlPage($"lsgan run {Path.GetFileName(Path.GetFullPath(directory))}");

        page.Heading("Evaluation");
        string evaluationFile = Path.Combine(directory, "evaluation.json");
        if (File.Exists(evaluationFile)) EvaluationTable(page, JsonNode.Parse(File.ReadAllText(evaluationFile))!.AsObject());
        else page.Paragraph("No evaluation.json yet: run 'lsgan evaluate --run " + directory + "'.");

        var records = run.ReadMetrics();
        var evaluations = run.ReadEvaluations();
        page.Heading("Curves");
        if (records.Count == 0) page.Paragraph("No metrics lines yet.");
        else
        {
            double[] steps = records.Select(r => (double)r.Step).ToArray();
            page.Image(Charts.Lines("Losses", "step (G updates)", "loss", steps, ("D loss", records.Select(r => r.DLoss)), ("G loss", records.Select(r => r.GLoss))), "loss curves", "losses");
            page.Image(Charts.Lines("D outputs (raw scores)", "step (G updates)", "mean D output", steps, ("D(x)", records.Select(r => r.DReal)), ("D(G(z))", records.Select(r => r.DFake))), "D(x) and D(G(z))", "d-outputs");
        }
        if (evaluations.Count > 0)
        {
            page.Image(Charts.Lines("FID during training (--eval-every)", "step (G updates)", "FID", evaluations.Select(e => (double)e.Step).ToArray(),
                ("FID", evaluations.Select(e => e.Evaluation.Fid))), "FID curve", "fid");
            page.Table(["step", "epoch", "FID", "precision", "recall", "coverage", "classes"], evaluations.Select(e => (IReadOnlyList<string>)
                [$"{e.Step}", $"{e.Epoch}", Number(e.Evaluation.Fid), Number(e.Evaluation.Precision), Number(e.Evaluation.Recall), Number(e.Evaluation.Coverage), $"{e.Evaluation.ClassesCovered}"]));
        }

        SampleGrids(page, run.SamplesDirectory);

        page.Heading("Config");
        page.Table(["key", "value"], Flatten(config, "").Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]));
        return page.Render();
    }

    private static void EvaluationTable(HtmlPage page, JsonObject evaluation)
    {
        var floor = evaluation["real_floor"] as JsonObject;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (key, value) in evaluation)
        {
            if (value is not JsonValue) continue;
            string floorValue = floor?[key] is JsonValue f ? Format(f) : "";
            rows.Add([key, Format((JsonValue)value), floorValue]);
        }
        page.Table(["metric", "this run", "real-data floor"], rows);
    }

    private static void SampleGrids(HtmlPage page, string samplesDirectory)
    {
        page.Heading("Samples over time (fixed noise)");
        if (!Directory.Exists(samplesDirectory))
        {
            page.Paragraph("No samples yet.");
            return;
        }
        var grids = Directory.GetFiles(samplesDirectory, "*.png").Select(Path.GetFileName).OfType<string>()
            .Where(name => name != "reals.png").Order(StringComparer.Ordinal).ToList();
        if (grids.Count > 0)
        {
            page.Raw($"<p><input type=\"range\" id=\"grid-slider\" min=\"0\" max=\"{grids.Count - 1}\" value=\"{grids.Count - 1}\"> <span id=\"grid-name\">{HtmlPage.Escape(grids[^1])}</span></p>");
            page.Raw("<div class=\"grids\">");
            for (int i = 0; i < grids.Count; i++)
                page.Image(File.ReadAllBytes(Path.Combine(samplesDirectory, grids[i])), grids[i], $"grid-{i}", hidden: i != grids.Count - 1);
            page.Raw("</div>");
            page.Raw("""
                <script>
                const slider = document.getElementById('grid-slider');
                function showGrid(index) {
                  document.querySelectorAll('.grids img').forEach((img, i) => img.hidden = i !== index);
                  document.getElementById('grid-name').textContent = document.getElementById('grid-' + index).alt;
                  slider.value = index;
                }
                slider.addEventListener('input', () => showGrid(Number(slider.value)));
                document.querySelectorAll('.strip img').forEach((img, i) => img.addEventListener('click', () => showGrid(i)));
                </script>
                """);
        }
        string reals = Path.Combine(samplesDirectory, "reals.png");
        if (File.Exists(reals))
        {
            page.Heading("Training images", 3);
            page.Image(File.ReadAllBytes(reals), "reals.png", "reals");
        }
    }

    /// <summary>Nested JSON as dotted keys and their values, in file order.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode? node, string prefix) => node switch
    {
        JsonObject o => o.SelectMany(kv => Flatten(kv.Value, prefix.Length == 0 ? kv.Key : $"{prefix}.{kv.Key}")),
        JsonArray a => [new(prefix, a.ToJsonString())],
        JsonValue v => [new(prefix, Format(v))],
        _ => [new(prefix, "null")],
    };

    private static string Format(JsonValue value) =>
        value.TryGetValue(out double number) ? Number(number) : value.ToString();

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("G5", CultureInfo.InvariantCulture);
}

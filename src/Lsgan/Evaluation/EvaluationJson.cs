using System.Text.Json;
using System.Text.Json.Nodes;
using Lsgan.Features;
using Lsgan.IO;
using Lsgan.Metrics;

namespace Lsgan.Evaluation;

/// <summary>The JSON form of an <see cref="EvaluationReport"/>: the keys of evaluation.json and of 'lsgan fid --json'.</summary>
public static class EvaluationJson
{
    /// <summary>The report's metrics under snake_case keys.</summary>
    public static JsonObject Of(EvaluationReport report) => JsonSerializer.SerializeToNode(report, Json.Indented)!.AsObject();

    /// <summary>Records which features the distances were computed on (nothing for the classifier's own), so readers know what the FID means.</summary>
    public static void AddFeatureModel(JsonObject json, OnnxFeatureExtractor? featureModel)
    {
        if (featureModel is null) return;
        json["feature_model"] = Path.GetFullPath(featureModel.ModelPath);
        json["feature_model_sha256"] = featureModel.ModelSha256;
        json["feature_output"] = featureModel.OutputName;
        json["feature_normalization"] = featureModel.Normalization.Name;
    }
}

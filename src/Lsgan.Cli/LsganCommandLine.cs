using System.CommandLine;
using Lsgan.Cli.Commands;

namespace Lsgan.Cli;

/// <summary>The lsgan command line: every command with its options and their validators.</summary>
internal static class LsganCommandLine
{
    public static RootCommand Create() =>
        new("lsgan: train, sample and evaluate Least Squares GANs (Mao et al. 2017) and regular GANs.")
        {
            TrainCommand.Create(),
            GenerateCommand.Create(),
            InterpolateCommand.Create(),
            EvaluateCommand.Create(),
            FidCommand.Create(),
            TrainClassifierCommand.Create(),
            MixtureCommand.Create(),
            ReportCommand.Create(),
            MakeTintedCommand.Create(),
            StudyCommand.Create(),
            ExportCommand.Create(),
        };
}

using AutoPR.Images.Push;
using Serilog;
using Spectre.Console;

namespace AutoPR.BuildDefinition.Reporting;

/// <summary>
/// Per-layer push progress: live bars in a terminal, and in CI (or any redirected output) one line per layer
/// state change and per quarter of its bytes, so logs stay short.
/// </summary>
internal static class PushProgressReporter
{
    public static async Task<T> RunAsync<T>(Func<IProgress<ImagePushProgress>, Task<T>> push)
    {
        if (Console.IsOutputRedirected || System.Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true")
        {
            return await push(new SynchronousProgress<ImagePushProgress>(new PlainLines().Report));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                return await push(new SynchronousProgress<ImagePushProgress>(p =>
                {
                    if (p.LayerId is null)
                    {
                        return;
                    }

                    if (!bars.TryGetValue(p.LayerId, out var bar))
                    {
                        bars[p.LayerId] = bar = context.AddTask(p.LayerId, maxValue: 1);
                    }

                    bar.Description = $"{p.LayerId} {p.Status}";
                    if (p.Total is > 0 && p.Current is { } current)
                    {
                        bar.MaxValue = p.Total.Value;
                        bar.Value = current;
                    }

                    if (p.Status is "Pushed" or "Layer already exists" || p.Status.StartsWith("Mounted", StringComparison.Ordinal))
                    {
                        bar.Value = bar.MaxValue;
                        bar.StopTask();
                    }
                }));
            });
    }

    private sealed class PlainLines
    {
        private readonly Dictionary<string, (string Status, int Quarter)> _last = [];

        public void Report(ImagePushProgress p)
        {
            if (p.LayerId is null)
            {
                Log.Information("{Status}", p.Status);
                return;
            }

            var quarter = p.Total is > 0 && p.Current is { } current ? (int)(4 * current / p.Total.Value) : -1;
            if (_last.TryGetValue(p.LayerId, out var last) && last.Status == p.Status && last.Quarter == quarter)
            {
                return;
            }

            _last[p.LayerId] = (p.Status, quarter);
            if (quarter >= 0)
            {
                Log.Information("{Layer} {Status} {Percent}% of {Megabytes:0.0} MB", p.LayerId, p.Status, quarter * 25, p.Total!.Value / 1048576.0);
            }
            else
            {
                Log.Information("{Layer} {Status}", p.LayerId, p.Status);
            }
        }
    }
}

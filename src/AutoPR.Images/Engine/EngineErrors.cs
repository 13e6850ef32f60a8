using System.Text.Json;
using Docker.DotNet;

namespace AutoPR.Images.Engine;

/// <summary>Turns the engine's HTTP errors into one line with the daemon's own message.</summary>
internal static class EngineErrors
{
    public static DockerOperationException From(string operation, DockerApiException exception) =>
        new($"{operation} failed: {DaemonMessage(exception)}", exception);

    public static string DaemonMessage(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return $"HTTP {(int)exception.StatusCode} {exception.StatusCode}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { } text)
            {
                return text.Trim();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the message.
        }

        return body;
    }
}

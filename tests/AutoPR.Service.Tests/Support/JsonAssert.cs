using System.Net;
using System.Text.Json;

namespace AutoPR.Service.Tests.Support;

internal static class JsonAssert
{
    /// <summary>Asserts the status and that the body is JSON; returns the parsed body.</summary>
    public static async Task<JsonElement> StatusAndBodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}

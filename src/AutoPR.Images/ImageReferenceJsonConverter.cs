using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoPR.Images;

/// <summary>An image reference in JSON: its one-string form (REGISTRY/REPOSITORY:TAG@DIGEST).</summary>
internal sealed class ImageReferenceJsonConverter : JsonConverter<ImageReference>
{
    public override ImageReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("an image reference must be a string");
        try
        {
            return ImageReference.Parse(text);
        }
        catch (FormatException error)
        {
            throw new JsonException(error.Message, error);
        }
    }

    public override void Write(Utf8JsonWriter writer, ImageReference value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

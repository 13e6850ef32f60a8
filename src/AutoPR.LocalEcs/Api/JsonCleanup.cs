using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Api;

/// <summary>AWS omits absent members rather than sending null; so do we.</summary>
public static class JsonCleanup
{
    public static T RemoveNulls<T>(T node)
        where T : JsonNode
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>())
                {
                    RemoveNulls(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    RemoveNulls(child);
                }

                break;
        }

        return node;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Templates;

/// <summary>
/// Renders a JSON template. A string value that is exactly one placeholder, <c>"{{ name }}"</c>, takes the value's
/// JSON type (number, boolean, object, array); placeholders inside a longer string are replaced by the value's text.
/// <c>"{{ name? }}"</c> is optional: when the value is null the member (or array element) is left out. Everything
/// that is not a placeholder, unknown fields included, is copied untouched.
/// </summary>
public static partial class TemplateRenderer
{
    /// <summary>Renders <paramref name="template"/> with <paramref name="values"/>; a null value means "known, but not set".</summary>
    public static JsonObject Render(string templateName, JsonObject template, IReadOnlyDictionary<string, JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var context = new Context(templateName, values);
        var rendered = context.Render(template, "$")!;

        // Re-read as text: every value then reads like a parsed document (an int built in code does not read as a double).
        return JsonNode.Parse(rendered.ToJsonString())!.AsObject();
    }

    /// <summary>The placeholder names a template uses, in order of appearance (for documentation and checks).</summary>
    public static IReadOnlyList<string> Placeholders(JsonNode template)
    {
        var names = new List<string>();
        Collect(template, names);
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_.]*)\s*(?<optional>\?)?\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private static void Collect(JsonNode? node, List<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Collect(child, names);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, names);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                names.AddRange(Placeholder().Matches(text).Select(m => m.Groups["name"].Value));
                break;
        }
    }

    // Marks "leave this member out" (an optional placeholder without a value).
    private static readonly JsonValue Omitted = JsonValue.Create("\u0000omitted");

    private sealed class Context(string template, IReadOnlyDictionary<string, JsonNode?> values)
    {
        public JsonNode? Render(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    var result = new JsonObject();
                    foreach (var (name, child) in o)
                    {
                        var rendered = Render(child, path + Member(name));
                        if (!ReferenceEquals(rendered, Omitted))
                        {
                            result[name] = rendered;
                        }
                    }

                    return result;
                case JsonArray a:
                    var array = new JsonArray();
                    for (var i = 0; i < a.Count; i++)
                    {
                        var rendered = Render(a[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        if (!ReferenceEquals(rendered, Omitted))
                        {
                            array.Add(rendered);
                        }
                    }

                    return array;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    return RenderString(v.GetValue<string>(), path);
                default:
                    return node?.DeepClone();
            }
        }

        private JsonNode? RenderString(string text, string path)
        {
            var rest = Placeholder().Replace(text, string.Empty);
            if (rest.Contains("{{", StringComparison.Ordinal))
            {
                var start = rest.IndexOf("{{", StringComparison.Ordinal);
                var end = rest.IndexOf("}}", start, StringComparison.Ordinal);
                var fragment = end < 0 ? rest[start..] : rest[start..(end + 2)];
                throw new TemplateRenderException(template, path, $"malformed placeholder {fragment}",
                    "write placeholders as {{ name }} or {{ name? }} (letters, digits, '_' and '.')");
            }

            var matches = Placeholder().Matches(text);
            if (matches.Count == 1 && matches[0].Index == 0 && matches[0].Length == text.Length)
            {
                var match = matches[0];
                var value = Lookup(match, path);
                return value is null ? (IsOptional(match) ? Omitted : throw Missing(match, path)) : value.DeepClone();
            }

            var builder = new StringBuilder();
            var last = 0;
            foreach (Match match in matches)
            {
                builder.Append(text, last, match.Index - last);
                var value = Lookup(match, path);
                if (value is null && !IsOptional(match))
                {
                    throw Missing(match, path);
                }

                builder.Append(AsText(value, match, path));
                last = match.Index + match.Length;
            }

            builder.Append(text, last, text.Length - last);
            return JsonValue.Create(builder.ToString());
        }

        private JsonNode? Lookup(Match match, string path)
        {
            var name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                var known = string.Join(", ", values.Keys.Order(StringComparer.Ordinal));
                throw new TemplateRenderException(template, path, $"unknown placeholder '{name}'", $"use one of: {known}");
            }

            return value;
        }

        private string AsText(JsonNode? value, Match match, string path) => value switch
        {
            null => string.Empty,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => throw new TemplateRenderException(template, path, $"'{match.Groups["name"].Value}' is {Kind(value)} and cannot be embedded in a string",
                $"make the string exactly \"{{{{ {match.Groups["name"].Value} }}}}\" so the {Kind(value)} replaces it"),
        };

        private TemplateRenderException Missing(Match match, string path)
        {
            var name = match.Groups["name"].Value;
            return new TemplateRenderException(template, path, $"no value for '{name}' in this environment",
                $"set it in the environment file, or write {{{{ {name}? }}}} to leave the member out when it is not set");
        }

        private static bool IsOptional(Match match) => match.Groups["optional"].Success;

        private static string Kind(JsonNode node) => node switch
        {
            JsonObject => "an object",
            JsonArray => "an array",
            _ => "a value",
        };

        private static string Member(string name) =>
            name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                ? "." + name
                : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }
}

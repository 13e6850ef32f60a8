using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// Tolerant readers for Query-protocol XML: elements are found by local name (whatever the namespace), and a
/// missing element reads as null, like <see cref="JsonRead"/>.
/// </summary>
public static class XmlRead
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>Parses a document (no DTDs, no external entities) and returns its root element.</summary>
    public static XElement Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XElement.Load(reader);
    }

    /// <summary>The first child element with this local name, or null.</summary>
    public static XElement? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The child elements with this local name.</summary>
    public static IEnumerable<XElement> Children(XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    /// <summary>The text of a child element, or null.</summary>
    public static string? GetString(XElement? element, string name) => Child(element, name)?.Value;

    /// <summary>The integer text of a child element, or null.</summary>
    public static int? GetInt(XElement? element, string name) =>
        int.TryParse(GetString(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The ISO-8601 timestamp text of a child element, or null.</summary>
    public static DateTimeOffset? GetTimestamp(XElement? element, string name) =>
        DateTimeOffset.TryParse(GetString(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}

using System.Text.Json;

namespace AutoPR.Infra.Tests.Support;

/// <summary>One block of a parsed file: variable "x", resource "t" "n" (address "t.n"), module "m", ...</summary>
internal sealed record TerraformBlock(string File, string Kind, string Address, JsonElement Body)
{
    public string? StringOf(string attribute) =>
        Body.TryGetProperty(attribute, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string attribute) => Body.TryGetProperty(attribute, out _);

    public IEnumerable<string> Attributes => Body.EnumerateObject().Select(p => p.Name);
}

/// <summary>A string found in a file (an attribute's value or an object's key) and where.</summary>
internal sealed record TerraformString(string File, string Path, string Text);

/// <summary>
/// Every .tf file under infra/, parsed by a real HCL parser. Paths are relative to the repository root, with '/'.
/// </summary>
internal sealed class TerraformTree
{
    public const string Module = "infra/modules/environment";
    public const string EnvironmentsFolder = "infra/environments";

    private static readonly Lazy<Task<TerraformTree>> Current = new(() => LoadAsync(RepositoryRoot.Path));

    private TerraformTree(string root, IReadOnlyDictionary<string, JsonElement> files)
    {
        Root = root;
        Files = files;
    }

    /// <summary>The folder that holds infra/ and deploy/.</summary>
    public string Root { get; }

    /// <summary>Each file's JSON by its path relative to <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Files { get; }

    /// <summary>The repository's own infra/, parsed once for all tests.</summary>
    public static Task<TerraformTree> LoadCurrentAsync() => Current.Value;

    public static async Task<TerraformTree> LoadAsync(string root)
    {
        var infra = System.IO.Path.Combine(root, "infra");
        var files = Directory.GetFiles(infra, "*.tf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}.terraform{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var parsed = await Hcl2Json.ParseAsync(files);
        return new TerraformTree(root, parsed.ToDictionary(p => Relative(root, p.Key), p => p.Value));
    }

    /// <summary>
    /// This tree with one file's text changed (exactly one occurrence of <paramref name="find"/> replaced): how the
    /// tests show that a check fails when the Terraform breaks it.
    /// </summary>
    public async Task<TerraformTree> WithEditAsync(string file, string find, string replace)
    {
        var text = await File.ReadAllTextAsync(System.IO.Path.Combine(Root, file));
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The edit expects exactly one `{find}` in {file}; the Terraform changed, update the test.");
        }

        return await WithFileAsync(file, string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));
    }

    /// <summary>This tree with <paramref name="file"/> (new or existing) holding <paramref name="text"/>.</summary>
    public async Task<TerraformTree> WithFileAsync(string file, string text)
    {
        using var temp = new TempFolder();
        var path = System.IO.Path.Combine(temp.Path, System.IO.Path.GetFileName(file));
        await File.WriteAllTextAsync(path, text);
        var parsed = await Hcl2Json.ParseAsync([path]);
        var files = Files.ToDictionary(p => p.Key, p => p.Value);
        files[file] = parsed.Single().Value;
        return new TerraformTree(Root, files);
    }

    /// <summary>This tree without <paramref name="file"/>.</summary>
    public TerraformTree Without(string file) =>
        new(Root, Files.Where(p => p.Key != file).ToDictionary(p => p.Key, p => p.Value));

    /// <summary>The folders holding .tf files (a module or a root each).</summary>
    public IEnumerable<string> Folders => Files.Keys.Select(FolderOf).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The environment roots: infra/environments/&lt;name&gt;.</summary>
    public IEnumerable<string> Roots => Folders.Where(f => f.StartsWith(EnvironmentsFolder + "/", StringComparison.Ordinal));

    public static string FolderOf(string file) => file[..file.LastIndexOf('/')];

    /// <summary>The blocks of one kind in one folder. Resources and data sources have the address "type.name".</summary>
    public IEnumerable<TerraformBlock> Blocks(string folder, string kind)
    {
        foreach (var (file, body) in Files.Where(p => FolderOf(p.Key) == folder).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!body.TryGetProperty(kind, out var blocks))
            {
                continue;
            }

            if (blocks.ValueKind == JsonValueKind.Array)
            {
                // terraform { } and locals { }: no labels.
                foreach (var item in blocks.EnumerateArray())
                {
                    yield return new TerraformBlock(file, kind, kind, item);
                }

                continue;
            }

            foreach (var first in blocks.EnumerateObject())
            {
                if (kind is "resource" or "data")
                {
                    foreach (var second in first.Value.EnumerateObject())
                    {
                        foreach (var item in second.Value.EnumerateArray())
                        {
                            yield return new TerraformBlock(file, kind, $"{first.Name}.{second.Name}", item);
                        }
                    }
                }
                else
                {
                    foreach (var item in first.Value.EnumerateArray())
                    {
                        yield return new TerraformBlock(file, kind, first.Name, item);
                    }
                }
            }
        }
    }

    /// <summary>Every string in the folder's files: attribute values, list items and object keys (expressions included, as "${...}").</summary>
    public IEnumerable<TerraformString> Strings(string folder) =>
        Files.Where(p => FolderOf(p.Key) == folder).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => StringsIn(p.Key, string.Empty, p.Value));

    /// <summary>Every string under one element.</summary>
    public static IEnumerable<TerraformString> StringsIn(string file, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return new TerraformString(file, path, element.GetString()!);
                break;
            case JsonValueKind.Number:
                yield return new TerraformString(file, path, element.GetRawText());
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in StringsIn(file, $"{path}[{index++}]", item))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    yield return new TerraformString(file, child + " (key)", property.Name);
                    foreach (var found in StringsIn(file, child, property.Value))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static string Relative(string root, string path) =>
        System.IO.Path.GetRelativePath(root, path).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}

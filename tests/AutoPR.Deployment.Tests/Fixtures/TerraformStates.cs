using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AutoPR.Deployment.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// Terraform states in Terraform's own format, written by the real terraform binary: a root whose only content is
/// output blocks needs no provider, so init, plan and apply run here, offline. Each root is applied once per test run.
/// </summary>
public static class TerraformStates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Applied = new(StringComparer.Ordinal);

    /// <summary>
    /// A root (a temporary directory) applied with the outputs of <paramref name="outputsJson"/> (`terraform output
    /// -json` form: value and sensitive); its terraform.tfstate is beside it. <paramref name="key"/> names the set.
    /// </summary>
    public static Task<string> ApplyAsync(string key, string outputsJson) =>
        Applied.GetOrAdd(key, _ => new Lazy<Task<string>>(() => ApplyNowAsync(outputsJson))).Value;

    /// <summary>The root applied with the example outputs of environment <paramref name="environment"/>.</summary>
    public static Task<string> ApplyExampleAsync(string environment) =>
        ApplyAsync(environment, File.ReadAllText(Path.Combine(RepositoryEnvironments.OutputsDirectory, environment + ".json")));

    /// <summary>The state file terraform wrote in <paramref name="root"/>.</summary>
    public static string StateFile(string root) => Path.Combine(root, "terraform.tfstate");

    /// <summary>
    /// Puts <paramref name="content"/> at s3://<paramref name="bucket"/>/<paramref name="key"/> in moto_server, creating
    /// the bucket when needed. Signed with SigV4 (moto refuses anonymous reads and overwrites); the toolkit itself
    /// only ever reads state, so the write is the test's own.
    /// </summary>
    public static async Task UploadAsync(Uri moto, string bucket, string key, string content)
    {
        var signing = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Region = RegionEndpoint.USEast1,
            Service = "s3",
        };
        using var http = new HttpClient(new SigV4SigningHandler(signing, new SocketsHttpHandler()));
        using (await http.PutAsync(new Uri(moto, bucket), new ByteArrayContent([])))
        {
            // Created, or there already: either will do.
        }

        var address = new Uri(moto, $"{bucket}/{key}");
        using var put = await http.PutAsync(address, new ByteArrayContent(Encoding.UTF8.GetBytes(content)));
        if (!put.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto refused PUT {address}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> ApplyNowAsync(string outputsJson)
    {
        var root = Directory.CreateTempSubdirectory("autopr-tfstate-").FullName;
        var hcl = new StringBuilder();
        foreach (var (name, output) in JsonNode.Parse(outputsJson)!.AsObject())
        {
            hcl.Append("output \"").Append(name).Append("\" {\n")
                .Append("  value     = jsondecode(\"").Append(HclString(output!["value"]!.ToJsonString())).Append("\")\n")
                .Append("  sensitive = ").Append(output["sensitive"]?.GetValue<bool>() == true ? "true" : "false").Append('\n')
                .Append("}\n\n");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "outputs.tf"), hcl.ToString());
        var terraform = Terraform.Find(NullLogger.Instance);
        var plan = Path.Combine(root, "outputs.tfplan");
        await terraform.PlanAsync(root, plan, CancellationToken.None);
        await terraform.ApplyAsync(root, plan, CancellationToken.None);
        return File.Exists(StateFile(root)) ? root : throw new InvalidOperationException($"terraform apply wrote no state in {root}");
    }

    // A JSON text inside an HCL quoted string: escape backslashes and quotes, and the template sequences ${ and %{.
    private static string HclString(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
}

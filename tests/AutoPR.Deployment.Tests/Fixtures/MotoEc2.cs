using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// Reads moto's default VPC subnet and security group (EC2 query protocol, XML), so ECS calls with awsvpc
/// networking name resources that exist in the emulator. Test setup only; the library never calls EC2.
/// </summary>
public static partial class MotoEc2
{
    public static async Task<(string SubnetId, string SecurityGroupId)> DefaultNetworkAsync(Uri endpoint, string region = "us-east-1")
    {
        using var http = new HttpClient();
        var subnets = await QueryAsync(http, endpoint, region, "DescribeSubnets");
        var groups = await QueryAsync(http, endpoint, region, "DescribeSecurityGroups");
        var subnet = SubnetId().Match(subnets);
        var group = GroupId().Match(groups);
        if (!subnet.Success || !group.Success)
        {
            throw new InvalidOperationException("moto has no default VPC subnet or security group: " + subnets[..Math.Min(400, subnets.Length)]);
        }

        return (subnet.Groups[1].Value, group.Groups[1].Value);
    }

    private static async Task<string> QueryAsync(HttpClient http, Uri endpoint, string region, string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = action, ["Version"] = "2016-11-15" }),
        };

        // moto routes by the credential scope; it does not check the signature.
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/{region}/ec2/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<subnetId>(subnet-[0-9a-f]+)</subnetId>")]
    private static partial Regex SubnetId();

    [GeneratedRegex("<groupId>(sg-[0-9a-f]+)</groupId>")]
    private static partial Regex GroupId();
}

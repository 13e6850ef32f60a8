using System.Net;
using System.Text;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Deployment.Tests.Ecr;

public sealed class EcrAuthorizationCacheTests
{
    [Fact]
    public async Task The_token_is_cached_until_fifteen_minutes_before_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1767225600));
        var expiresAt = time.GetUtcNow().AddHours(12);
        var handler = new RecordingHandler((_, index) => RecordingHandler.Json(HttpStatusCode.OK,
            $$"""{"authorizationData":[{"authorizationToken":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:password-" + index))}}","expiresAt":{{expiresAt.ToUnixTimeSeconds()}},"proxyEndpoint":"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}]}"""));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler, time: time));

        var first = await clients.Ecr.GetAuthorizationAsync();
        time.Advance(TimeSpan.FromHours(11.5));
        var cached = await clients.Ecr.GetAuthorizationAsync();
        time.Advance(TimeSpan.FromMinutes(16));
        var refreshed = await clients.Ecr.GetAuthorizationAsync();

        Assert.Equal("password-0", first.Password);
        Assert.Same(first, cached);
        Assert.Equal("password-1", refreshed.Password);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com", first.RegistryHost);
        Assert.Equal(expiresAt, first.ExpiresAt);
    }

    [Fact]
    public async Task A_malformed_token_is_an_error_that_does_not_show_the_token()
    {
        const string token = "bm90LWEtdXNlci1wYXNzd29yZC1wYWly";
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK,
            $$"""{"authorizationData":[{"authorizationToken":"{{token}}","expiresAt":1767225600,"proxyEndpoint":"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}]}"""));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Ecr.GetAuthorizationAsync());

        Assert.Equal("InvalidResponse", error.ErrorCode);
        Assert.Contains("not 'user:password'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }
}

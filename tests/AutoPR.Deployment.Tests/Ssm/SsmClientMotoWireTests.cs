using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ssm;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ssm;

/// <summary>SsmClient against moto_server's SSM.</summary>
[Collection(MotoCollection.Name)]
public sealed class SsmClientMotoWireTests(MotoServerFixture moto)
{
    [Fact]
    public async Task A_secure_string_round_trips_with_decryption_and_stays_encrypted_without()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var name = "/autopr/tests/" + Guid.NewGuid().ToString("N")[..8] + "/database-url";
        const string value = "postgres://autopr:round-trip@127.0.0.1:5432/autopr";

        var first = await clients.SsmParameters.PutParameterAsync(name, value, SsmParameterType.SecureString, description: "test");
        var decrypted = await clients.SsmParameters.GetParameterAsync(name, withDecryption: true);
        var encrypted = await clients.SsmParameters.GetParameterAsync(name, withDecryption: false);

        Assert.Equal(1, first);
        Assert.Equal(value, decrypted.Value);
        Assert.Equal("SecureString", decrypted.Type);
        Assert.Equal(1, decrypted.Version);
        Assert.Equal(name, decrypted.Name);
        Assert.NotEqual(value, encrypted.Value);
        Assert.NotEmpty(encrypted.Value);

        var exists = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SsmParameters.PutParameterAsync(name, "other", SsmParameterType.SecureString));
        Assert.Equal("ParameterAlreadyExists", exists.ErrorCode);
        Assert.Equal(2, await clients.SsmParameters.PutParameterAsync(name, "other", SsmParameterType.SecureString, overwrite: true));
        Assert.Equal(("other", 2L), await ValueAndVersion(clients, name));
    }

    [Fact]
    public async Task A_string_is_deleted_and_then_not_found()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var name = "/autopr/tests/" + Guid.NewGuid().ToString("N")[..8] + "/log-level";
        await clients.SsmParameters.PutParameterAsync(name, "debug", SsmParameterType.String);
        Assert.Equal(("debug", 1L), await ValueAndVersion(clients, name));

        await clients.SsmParameters.DeleteParameterAsync(name);

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SsmParameters.GetParameterAsync(name));
        Assert.Equal("ParameterNotFound", missing.ErrorCode);
        Assert.Equal("ssm", missing.Service);
        Assert.Equal("GetParameter", missing.Operation);
        var deleteAgain = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SsmParameters.DeleteParameterAsync(name));
        Assert.Equal("ParameterNotFound", deleteAgain.ErrorCode);
    }

    private static async Task<(string, long)> ValueAndVersion(AwsClients clients, string name)
    {
        var parameter = await clients.SsmParameters.GetParameterAsync(name, withDecryption: true);
        return (parameter.Value, parameter.Version);
    }
}

using System.Net;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

public sealed class ErrorParserTests
{
    [Theory]
    [InlineData("""{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"The repository does not exist"}""", null, "RepositoryNotFoundException", "The repository does not exist", false)]
    [InlineData("""{"__type":"ThrottlingException","Message":"Rate exceeded"}""", null, "ThrottlingException", "Rate exceeded", true)]
    [InlineData("""{"message":"slow down"}""", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.coral.availability/", "TooManyRequestsException", "slow down", true)]
    [InlineData("", null, "HttpStatus403", "Forbidden", false)]
    public void Codes_and_messages_are_read_from_body_or_headers(string body, string? errorTypeHeader, string code, string message, bool retryable)
    {
        using var response = RecordingHandler.Json(HttpStatusCode.BadRequest, body);
        if (errorTypeHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorTypeHeader);
        }

        var status = body.Length == 0 ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest;
        var error = AwsErrorParser.Parse(EcrOperations.DescribeRepositories, status, response.Headers, body);

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public void A_non_json_5xx_page_is_a_retryable_failure_with_its_text()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);
        var error = AwsErrorParser.Parse(EcrOperations.ListImages, HttpStatusCode.BadGateway, response.Headers, "<html>bad gateway</html>");

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal("<html>bad gateway</html>", error.ErrorMessage);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Key_material_in_an_error_message_is_redacted()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        var body = """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid: AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"}""";
        var error = AwsErrorParser.Parse(EcrOperations.ListImages, HttpStatusCode.Forbidden, response.Headers, body);

        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", error.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", error.Message, StringComparison.Ordinal);
    }
}

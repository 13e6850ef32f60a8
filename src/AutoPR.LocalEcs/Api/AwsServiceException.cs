using System.Net;

namespace AutoPR.LocalEcs.Api;

/// <summary>An error answered in AWS's JSON shape: <c>{"__type": Code, "message": ...}</c> with its HTTP status.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public AwsServiceException()
        : this("InternalFailure", "An internal error occurred.", HttpStatusCode.InternalServerError)
    {
    }

    public AwsServiceException(string message)
        : this("InternalFailure", message, HttpStatusCode.InternalServerError)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalFailure";
        Status = HttpStatusCode.InternalServerError;
    }

    public string Code { get; }

    public HttpStatusCode Status { get; }
}

namespace AutoPR.Service.Revision;

/// <summary>
/// Stamps every response, including the 500s of fault injection and the ones an exception produces, with
/// <see cref="RevisionStamp.HeaderName"/>. First in the pipeline, and written as the response starts.
/// </summary>
internal sealed class RevisionHeader(RequestDelegate next, RevisionStamp stamp)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RevisionStamp.HeaderName] = stamp.HeaderValue;
            return Task.CompletedTask;
        });
        return next(context);
    }
}

namespace AutoPR.Images.Tests;

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late for asserts).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}

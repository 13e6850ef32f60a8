using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Moves a fake clock forward until a task completes, so backoffs pass without sleeping.</summary>
public static class FakeTimeDriver
{
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            time.Advance(step ?? TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        Assert.True(task.IsCompleted, "the call did not finish although the fake clock ran far ahead");
        return await task;
    }
}

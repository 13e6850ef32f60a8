using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Service.Tests.Support;

internal static class FakeClock
{
    /// <summary>
    /// Advances fake time in small steps until the work completes, and returns how much fake time that took.
    /// The work cannot finish before its timer is due, so the result is a lower bound the test can assert on
    /// without measuring real time. Real time only bounds the wait, generously.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilCompleteAsync(FakeTimeProvider time, Task work, TimeSpan step)
    {
        var start = time.GetUtcNow();
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!work.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < giveUp, "the work did not complete within 60 s of real time");
            time.Advance(step);
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await work;
        return time.GetUtcNow() - start;
    }
}

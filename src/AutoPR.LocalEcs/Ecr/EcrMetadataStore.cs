using System.Text.Json;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecr;

/// <summary>Repository metadata persisted as ecr.json in the state directory.</summary>
public sealed class EcrMetadataStore(StateFiles files) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, RepositoryMetadata>? _repositories;

    public void Dispose() => _gate.Dispose();

    public async Task<T> UseAsync<T>(Func<Dictionary<string, RepositoryMetadata>, T> use, bool save, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _repositories ??= File.Exists(files.EcrMetadata)
                ? JsonSerializer.Deserialize<Dictionary<string, RepositoryMetadata>>(File.ReadAllText(files.EcrMetadata), StateJson.Options) ?? []
                : [];
            var result = use(_repositories);
            if (save)
            {
                AtomicFile.WriteAllText(files.EcrMetadata, JsonSerializer.Serialize(_repositories, StateJson.Options));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}

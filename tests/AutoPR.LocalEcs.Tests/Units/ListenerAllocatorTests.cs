using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.LoadBalancer;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>Listener addresses: the next free one, or the one a service's tag asks for (what local environment files state).</summary>
public sealed class ListenerAllocatorTests
{
    private readonly EcsState _state = new();
    private readonly ListenerAllocator _listeners = new(new LocalEcsOptions { ListenerAddress = "127.0.0.1:8080" });

    private ServiceRecord Service(string name, string status = "ACTIVE")
    {
        var service = new ServiceRecord { Arn = "arn:aws:ecs:us-east-1:000000000000:service/c/" + name, Name = name, ClusterName = "c", ClusterArn = "arn:aws:ecs:us-east-1:000000000000:cluster/c", TaskDefinitionArn = "td", Status = status };
        _state.Services[service.Key] = service;
        return service;
    }

    private static Dictionary<string, string> Tags(string listener, string? test = null) =>
        test is null ? new() { [ListenerAllocator.ListenerTag] = listener } : new() { [ListenerAllocator.ListenerTag] = listener, [ListenerAllocator.TestListenerTag] = test };

    [Fact]
    public void Services_without_a_tag_take_the_next_free_port_and_keep_it()
    {
        var first = Service("a");
        var second = Service("b");

        Assert.Equal("127.0.0.1:8080", _listeners.Allocate(_state, first.Key));
        Assert.Equal("127.0.0.1:8081", _listeners.Allocate(_state, second.Key));
        Assert.Equal("127.0.0.1:8080", _listeners.Allocate(_state, first.Key));
        Assert.Equal("127.0.0.1:9080", _listeners.AllocateTest(_state, first.Key));
    }

    [Fact]
    public void A_tag_gets_the_service_the_addresses_it_asks_for()
    {
        var canary = Service("canary");

        Assert.Equal("127.0.0.1:8092", _listeners.Allocate(_state, canary.Key, Tags("127.0.0.1:8092", "127.0.0.1:9092")));
        Assert.Equal("127.0.0.1:9092", _listeners.AllocateTest(_state, canary.Key, Tags("127.0.0.1:8092", "127.0.0.1:9092")));
        Assert.Equal("127.0.0.1:8080", _listeners.Allocate(_state, Service("plain").Key));
    }

    [Fact]
    public void An_address_another_service_holds_is_refused_naming_it_and_a_deleted_services_is_free()
    {
        var holder = Service("holder");
        _listeners.Allocate(_state, holder.Key, Tags("127.0.0.1:8092"));

        var refused = Assert.Throws<AwsServiceException>(() => _listeners.Allocate(_state, Service("other").Key, Tags("127.0.0.1:8092")));
        Assert.Equal("InvalidParameterException", refused.Code);
        Assert.Contains($"127.0.0.1:8092 (tag localecs:listener) is already a listener of service {holder.Key}", refused.Message, StringComparison.Ordinal);

        holder.Status = "INACTIVE";
        Assert.Equal("127.0.0.1:8092", _listeners.Allocate(_state, Service("next").Key, Tags("127.0.0.1:8092")));
    }

    [Fact]
    public void A_tag_that_is_not_host_and_port_is_refused()
    {
        var refused = Assert.Throws<AwsServiceException>(() => _listeners.Allocate(_state, Service("x").Key, Tags("http://127.0.0.1:8092")));
        Assert.Contains("The tag localecs:listener must be host:port", refused.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>A service's loadBalancers in and out.</summary>
public static class LoadBalancerShape
{
    public static JsonArray ToJson(IEnumerable<ServiceLoadBalancer> loadBalancers) =>
        [.. loadBalancers.Select(ToJson)];

    public static JsonNode ToJson(ServiceLoadBalancer lb)
    {
        var json = new JsonObject
        {
            ["targetGroupArn"] = lb.TargetGroupArn,
            ["containerName"] = lb.ContainerName,
            ["containerPort"] = lb.ContainerPort,
        };
        if (lb.LoadBalancerName is not null)
        {
            json["loadBalancerName"] = lb.LoadBalancerName;
        }

        if (lb.AlternateTargetGroupArn is not null)
        {
            json["advancedConfiguration"] = new JsonObject
            {
                ["alternateTargetGroupArn"] = lb.AlternateTargetGroupArn,
                ["productionListenerRule"] = lb.ProductionListenerRule,
                ["testListenerRule"] = lb.TestListenerRule,
                ["roleArn"] = lb.RoleArn,
            };
        }

        return json;
    }

    public static List<ServiceLoadBalancer> Parse(JsonArray? loadBalancers, JsonArgs request)
    {
        var result = new List<ServiceLoadBalancer>();
        foreach (var item in loadBalancers?.OfType<JsonObject>() ?? [])
        {
            var lb = new JsonArgs(item);
            var advanced = lb.Nested("advancedConfiguration");
            result.Add(new ServiceLoadBalancer
            {
                TargetGroupArn = lb.Text("targetGroupArn")
                    ?? throw request.Invalid("loadBalancers[].targetGroupArn is required: LocalEcs emulates Application Load Balancer target groups."),
                LoadBalancerName = lb.Text("loadBalancerName"),
                ContainerName = lb.Text("containerName") ?? throw request.Invalid("loadBalancers[].containerName is required."),
                ContainerPort = lb.WholeNumber("containerPort") ?? throw request.Invalid("loadBalancers[].containerPort is required."),
                AlternateTargetGroupArn = advanced?.Text("alternateTargetGroupArn"),
                ProductionListenerRule = advanced?.Text("productionListenerRule"),
                TestListenerRule = advanced?.Text("testListenerRule"),
                RoleArn = advanced?.Text("roleArn"),
            });
        }

        return result;
    }
}

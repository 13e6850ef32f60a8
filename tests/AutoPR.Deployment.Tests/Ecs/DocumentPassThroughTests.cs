using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ecs;

/// <summary>Rendered task and service definitions travel unchanged: a field the code does not know survives.</summary>
public sealed class DocumentPassThroughTests
{
    [Fact]
    public async Task A_task_definition_is_sent_exactly_as_rendered_including_fields_the_code_does_not_know()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        var definition = SampleDocuments.TaskDefinition();
        definition["someFutureEcsField"] = new JsonObject { ["enabled"] = true, ["mode"] = "NEW" };
        definition["containerDefinitions"]![0]!["restartPolicy"] = new JsonObject { ["enabled"] = true, ["restartAttemptPeriod"] = 60 };
        var expected = definition.DeepClone();

        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            await clients.Ecs.RegisterTaskDefinitionAsync(definition);
        }

        var sent = Assert.Single(handler.Requests).Json;
        Assert.True(JsonNode.DeepEquals(expected, sent), sent?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, definition), "the caller's document was changed");
    }

    [Fact]
    public async Task Update_service_requests_are_sent_exactly_as_given()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        var request = SampleDocuments.UpdateServiceRequest();
        request["deploymentConfiguration"]!["lifecycleHooks"] = new JsonArray(new JsonObject
        {
            ["hookTargetArn"] = "arn:aws:lambda:eu-west-1:123456789012:function:autopr-smoke",
            ["roleArn"] = "arn:aws:iam::123456789012:role/autopr-hooks",
            ["lifecycleStages"] = new JsonArray("POST_TEST_TRAFFIC_SHIFT"),
        });

        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            var service = await clients.Ecs.UpdateServiceAsync(request);
            Assert.Equal("autopr", service.Name);
            Assert.Equal("IN_PROGRESS", service.Deployments[0].RolloutState);
        }

        Assert.True(JsonNode.DeepEquals(request, Assert.Single(handler.Requests).Json));
    }
}

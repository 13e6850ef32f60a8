using AutoPR.Service.Configuration;

namespace AutoPR.Service.Hosting;

/// <summary>Builds the web application from the command line and the environment.</summary>
internal static class ServiceApplication
{
    /// <exception cref="InvalidSettingException">BIND_ADDRESS or PORT holds an unusable value.</exception>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(ListenAddress.ServerUrl(new SettingReader(builder.Configuration)));
            // The official .NET images set ASPNETCORE_HTTP_PORTS=8080; BIND_ADDRESS and PORT decide instead.
            builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
            builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddAutoPRService();
        return builder.Build().UseAutoPRService();
    }
}

using EcsConsole.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddEcsConsole();

var app = builder.Build();
app.UseEcsConsole();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

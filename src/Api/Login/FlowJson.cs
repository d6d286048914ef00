using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// The flow object's serializer, generated at build time: every flow request answers one, and the generated writer
/// skips the reflection-built one. Its options are the API's (web defaults, nulls left out), so the two write the same.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FlowDto))]
public sealed partial class FlowJson : JsonSerializerContext;

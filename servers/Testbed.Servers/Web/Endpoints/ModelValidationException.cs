namespace Testbed.Servers.Web.Endpoints;

/// <summary>A model or response-model check failed; the message names the field. Answered with 500, as FastAPI does for a bad response.</summary>
internal sealed class ModelValidationException(string message) : Exception(message);

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// Where in an answer a model sits (<c>response.Data[3]</c>), for error messages only: the text is built
/// when a check fails, never per item, as pydantic builds its error locations only for errors.
/// </summary>
internal readonly record struct ModelLocation(string Path, int Index = -1)
{
    public ModelLocation At(int index) => this with { Index = index };

    public ModelLocation Field(string name) => new($"{this}.{name}");

    public override string ToString() => Index < 0 ? Path : $"{Path}[{Index}]";
}

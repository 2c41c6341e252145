using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Tests.Web.Endpoints;

public sealed class CandleValidationTests
{
    [Theory]
    [InlineData(-1L, 1, 2, 0.5, 1, 1)]
    [InlineData(90_000L, 1, 2, 0.5, 1, 1)]
    [InlineData(0L, double.NaN, 2, 0.5, 1, 1)]
    [InlineData(0L, 1, 0.9, 0.5, 1, 1)]
    [InlineData(0L, 1, 2, 1.5, 1.2, 1)]
    [InlineData(0L, 1, 2, 0.5, 1, -0.1)]
    [InlineData(0L, 1, double.PositiveInfinity, 0.5, 1, 1)]
    public void ModelValidator_InvalidField_ThrowsNamingTheLocation(long basetm, double o, double h, double l, double c, double v)
    {
        var model = new CandleOut { Basetm = basetm, O = o, H = h, L = l, C = c, V = v };

        var error = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(model, new ModelLocation("data").At(7)));

        Assert.StartsWith("data[7]: ", error.Message);
    }

    [Fact]
    public void ModelValidator_ValidCandle_Passes()
    {
        ModelValidator.Validate(new CandleOut { Basetm = 120_000, O = 1.5, H = 1.5, L = 1.5, C = 1.5, V = 0 }, new ModelLocation("data"));
    }

    [Fact]
    public void ResponseModelValidator_ValidModels_CopiesEveryFieldIntoNewResponseModels()
    {
        var source = new CandleResponse
        {
            Data = [new CandleOut { Basetm = 60_000, O = 1, H = 2, L = 0.5, C = 1.5, V = 3 }, new CandleOut { Basetm = 120_000, O = 1.5, H = 1.5, L = 1.5, C = 1.5, V = 0 }],
        };

        var response = ResponseModelValidator.Build<CandleResponse>(source);

        // A second set of objects, as FastAPI's response_model builds: not the handler's instances.
        Assert.NotSame(source.Data[0], response.Data[0]);
        Assert.Equal(2, response.Data.Count);
        var first = response.Data[0];
        Assert.Equal((60_000L, 1.0, 2.0, 0.5, 1.5, 3.0), (first.Basetm, first.O, first.H, first.L, first.C, first.V));
        Assert.Equal(120_000L, response.Data[1].Basetm);
    }

    public static TheoryData<object> InvalidItems() => new()
    {
        new { Basetm = 0L, O = 1.0, H = 0.9, L = 0.5, C = 1.0, V = 1.0 },
        new { Basetm = 0L, O = 1.0, H = 2.0, L = 1.1, C = 1.2, V = 1.0 },
        new { Basetm = 0L, O = double.NaN, H = 2.0, L = 0.5, C = 1.0, V = 1.0 },
        new { Basetm = 0L, O = 1.0, H = 2.0, L = 0.5, C = 1.0, V = -1.0 },
        new { Basetm = -60_000L, O = 1.0, H = 2.0, L = 0.5, C = 1.0, V = 1.0 },
        new { Basetm = 30_000L, O = 1.0, H = 2.0, L = 0.5, C = 1.0, V = 1.0 },
        new { Basetm = 0L, O = 1.0, H = 2.0, L = 0.5, C = 1.0 },
        new { Basetm = 0L, O = "1", H = 2.0, L = 0.5, C = 1.0, V = 1.0 },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public void ResponseModelValidator_InvalidItem_ThrowsNamingTheItem(object item)
    {
        // Anonymous objects stand in for a handler result that skipped the model's own checks.
        var source = new { Data = new List<object> { new { Basetm = 0L, O = 1.0, H = 2.0, L = 0.5, C = 1.0, V = 1.0 }, item } };

        var error = Assert.Throws<ModelValidationException>(() => ResponseModelValidator.Build<CandleResponse>(source));

        Assert.Contains("Data[1]", error.Message);
    }
}

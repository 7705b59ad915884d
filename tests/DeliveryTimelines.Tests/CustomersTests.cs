using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class CustomersTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "A2")]
    [InlineData(27, "B2")]
    [InlineData(52, "A3")]
    public void Customers_are_named_by_letter(int index, string name) => Assert.Equal(name, Customers.Name(index));

    [Fact]
    public void A_negative_number_is_refused() =>
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => Customers.Name(-1)).ParamName);
}

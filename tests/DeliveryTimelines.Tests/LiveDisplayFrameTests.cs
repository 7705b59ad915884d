using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class LiveDisplayFrameTests
{
    [Fact]
    public void A_wrapped_frame_names_its_display_and_other_html_names_none()
    {
        string frame = LiveDisplayFrame.Wrap("1b45a0", "<div class=\"delivery-timelines-chart\"></div>\n");

        Assert.Equal("1b45a0", LiveDisplayFrame.DisplayIdOf(frame));
        Assert.Null(LiveDisplayFrame.DisplayIdOf("<div class=\"delivery-timelines-chart\"></div>"));
        Assert.Null(LiveDisplayFrame.DisplayIdOf("<p>text</p><div data-live-display=\"1b45a0\">"));
        Assert.Null(LiveDisplayFrame.DisplayIdOf(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\"b")]
    [InlineData("a b")]
    public void A_display_id_that_would_break_the_attribute_is_refused(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => LiveDisplayFrame.Wrap(id, "<p/>"));
        Assert.Equal("displayId", e.ParamName);
    }
}

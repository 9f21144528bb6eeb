package exporter

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The page is driven with the input a person's mouse and keyboard make
// (the DevTools protocol's Input domain): the events are trusted, they
// scroll what is under the pointer, and pages that listen only to real
// input (a React list that ignores a script's click(), a list that pages
// on wheel events and not on a scrollTop set from script) react as they
// do for a person.

// wheelParams is Input.dispatchMouseEvent for a wheel turn. The
// protocol wants both deltas even when one is zero, which the generated
// parameters leave out.
type wheelParams struct {
	Type   input.DispatchMouseEventType `json:"type"`
	X      float64                      `json:"x"`
	Y      float64                      `json:"y"`
	DeltaX float64                      `json:"deltaX"`
	DeltaY float64                      `json:"deltaY"`
}

var dispatchWheel = cdp.Command[wheelParams, cdp.Empty]{Method: input.CommandDispatchMouseEvent}

// MoveTo moves the mouse pointer to a point of the viewport.
func (b *Browser) MoveTo(ctx context.Context, x, y float64) error {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(sctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y})
	return b.failed(ctx, err)
}

// WheelAt turns the mouse wheel by dy CSS pixels (negative: up) with the
// pointer at a point of the viewport.
func (b *Browser) WheelAt(ctx context.Context, x, y, dy float64) error {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(sctx, dispatchWheel, wheelParams{Type: input.DispatchMouseEventTypeMouseWheel, X: x, Y: y, DeltaY: dy})
	return b.failed(ctx, err)
}

// ClickAt moves the pointer to a point of the viewport and clicks there
// with the left button.
func (b *Browser) ClickAt(ctx context.Context, x, y float64) error {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMouseMoved, input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
		p := input.DispatchMouseEventParams{Type: typ, X: x, Y: y}
		if typ != input.DispatchMouseEventTypeMouseMoved {
			p.Button, p.ClickCount = input.MouseButtonLeft, 1
		}
		if typ == input.DispatchMouseEventTypeMousePressed {
			p.Buttons = 1
		}
		if _, err := chromedp.Call(sctx, input.DispatchMouseEvent, p); err != nil {
			return b.failed(ctx, err)
		}
	}
	return nil
}

// PressEnd presses and releases the End key.
func (b *Browser) PressEnd(ctx context.Context) error {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(sctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "End", Code: "End", WindowsVirtualKeyCode: 35, NativeVirtualKeyCode: 35,
		}); err != nil {
			return b.failed(ctx, err)
		}
	}
	return nil
}

import { describe, expect, it } from "vitest";
import { actionKind } from "../../src/datasets/action-kind.js";

describe("actionKind", () => {
  // Action texts and tag types as Interaction2Code's sample annotates them (pages 101-127), and a few of our own.
  const cases: Array<[string, string[], string, string?]> = [
    ['click the "theme-switch" button', ["button"], "click"],
    ['hover on the "Product" button', ["button"], "hover"],
    ["move the cursor to the menu bar", ["", "area"], "hover"],
    ['hover the mouse over the "Product " item', ["", "span"], "hover"],
    ["hover on the select list", ["select"], "hover"],
    ['click on the "Light" option', ["option"], "select"],
    ["click on the moon icon", ["button", "select"], "select"],
    ['switch "Python" option to "PHP" option', ["option", "select"], "select"],
    ["choose a plan", ["button"], "select"],
    ['click to the "Why choose Invoice Ninja?" item', ["", "summary", "span"], "click"],
    ['click "Add a comment" text box', ["", "input", "textarea"], "click"],
    ["type a city into the search box", ["input"], "type", "web2code"],
    ["fill in the e-mail field", ["", "textarea"], "type", "web2code"],
    ["type in the chat", ["button"], "click"],
    ["Drag the progress bar", ["", "button", "progress"], "click"],
    ["drag the internal progress bar", ["", "iframe", "progress"], "click"],
    ["remove the filter", ["button"], "click"],
  ];
  it.each(cases)("%s (%j) is a %s", (action, tagTypes, kind, text) => {
    expect(actionKind(action, tagTypes)).toEqual(text === undefined ? { action: kind } : { action: kind, text });
  });
});

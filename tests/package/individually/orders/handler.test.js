test("orders", () => {});

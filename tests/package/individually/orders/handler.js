exports.main = async () => ({ orders: [] });

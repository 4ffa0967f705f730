exports.main = async () => ({ users: [] });

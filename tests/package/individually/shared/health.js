exports.check = async () => ({ ok: true });

from .wechat_api import WechatApi, WechatError, wechat_signature

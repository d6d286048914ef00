// The pages' texts in zh-CN (the default, as the API's) and en. The API's own messages come already in the
// language sent as Accept-Language; these are the page's labels around them.
const texts = {
  'zh-CN': {
    'app.name': 'LoginOrchestrator 统一登录', 'app.language': 'English', 'app.languageLabel': '切换语言',
    'state.Credentials': '登录', 'state.WeComCheck': '正在向企业微信确认', 'state.PasswordFallback': '使用本地密码登录',
    'state.OtpChallenge': '输入身份验证器中的动态码', 'state.OtpChallenge.passkey': '使用通行密钥验证身份', 'state.TwoFactorBind': '绑定邮箱或手机', 'state.Captcha': '输入验证码',
    'state.Issued': '登录成功', 'state.Failed': '登录失败', 'state.Locked': '已锁定', 'state.Expired': '登录已过期',
    'action.submitPassword': '登录', 'action.submitWeComCode': '企业微信登录', 'action.submitOtp': '验证',
    'action.submitRecoveryCode': '使用恢复码', 'action.submitBindTarget': '发送验证码', 'action.resendCaptcha': '重新发送',
    'action.submitCaptcha': '验证', 'action.submitPasskey': '使用通行密钥验证', 'action.submitPasskey.passwordless': '使用通行密钥登录',
    'flow.passkeyCancelled': '未使用通行密钥：已取消或本设备没有可用的通行密钥。', 'reason.passkey_registered': '您已注册通行密钥。',
    'field.userId': '账号', 'field.password': '密码', 'field.code': '验证码', 'field.channel': '接收方式', 'field.target': '邮箱或手机号',
    'field.code.submitOtp': '动态码（6 位）', 'field.code.submitRecoveryCode': '恢复码', 'field.target.email': '邮箱', 'field.target.sms': '手机号',
    'choice.email': '邮箱', 'choice.sms': '短信', 'choice.wecom': '企业微信',
    'reason.otp_enrolled': '您已启用身份验证器。', 'reason.two_factor_policy': '按安全策略需要第二重验证。',
    'reason.degraded_login': '企业微信暂不可用，本次使用本地密码登录，需要第二重验证。', 'reason.contact_unbound': '请先绑定接收验证码的邮箱或手机。',
    'flow.attemptsLeft': '还可尝试 {n} 次', 'flow.codeSentTo': '验证码已发往 {target}', 'flow.delivery.queued': '正在发送…',
    'flow.delivery.sent': '已发送', 'flow.delivery.failed': '发送失败：请重新发送，或稍后再试。', 'flow.resendIn': '{s} 秒后可重新发送',
    'flow.codeExpires': '验证码 {time} 前有效', 'flow.expiresAt': '本次登录 {time} 前有效', 'flow.lockedFor': '请在 {s} 秒后再试。',
    'flow.locked': '请稍后再试。', 'flow.restart': '重新开始', 'flow.weComForeign': '这次企业微信登录不是在本浏览器中发起的，未登录任何账号。请重新开始。', 'flow.signedIn': '登录成功，正在跳转…', 'flow.signedInAs': '用户：{name}',
    'error.network': '无法连接服务器，请检查网络后重试。', 'error.rateLimited': '请求过于频繁，请 {s} 秒后再试。',
    'error.generic': '出错了，请重试。',
    'account.title': '我的账号', 'account.profile': '个人资料', 'account.userId': '账号', 'account.name': '姓名', 'account.role': '角色',
    'account.email': '邮箱', 'account.mobile': '手机', 'account.status': '状态', 'status.online': '在线', 'status.busy': '忙碌', 'status.offline': '离线',
    'account.otp': '身份验证器（TOTP）', 'account.otpOn': '已启用', 'account.otpOff': '未启用', 'account.otpEnable': '启用身份验证器',
    'account.otpScan': '用身份验证器扫描二维码，或手动输入密钥：', 'account.otpQrAlt': '身份验证器二维码', 'account.otpSecret': '密钥',
    'account.otpConfirm': '确认启用', 'account.otpCode': '身份验证器中的 6 位动态码', 'account.recoveryTitle': '恢复码（只显示这一次）',
    'account.recoveryHint': '请立即保存这些恢复码：手机丢失时每个码可代替动态码使用一次。', 'account.recoveryRegenerate': '重新生成恢复码',
    'account.otpRemove': '停用身份验证器', 'account.password': '修改密码', 'account.currentPassword': '当前密码', 'account.newPassword': '新密码',
    'account.passwordChange': '修改密码', 'account.passwordChanged': '密码已修改，其他会话已退出。', 'account.logOut': '退出登录', 'account.sessions': '登录会话', 'account.thisSession': '当前会话', 'account.endSession': '结束', 'account.device': '设备', 'account.signedInAt': '登录时间', 'account.lastSeen': '最近活动',
    'account.enrolRequired': '管理员必须先启用身份验证器，才能使用管理功能。', 'account.adminConsole': '管理控制台', 'account.saved': '已保存',
    'admin.title': '管理控制台', 'admin.settings': '设置', 'admin.users': '用户', 'admin.audit': '审计', 'admin.save': '保存',
    'admin.limits': '限流', 'admin.limitsHint': '最近一小时被限流拒绝的地址和账号。同一地址大量“尝试”多半是办公室集中登录（可把该出口地址加入设置中的“已知网络”）；“错误回答”多、涉及多个账号则像是猜测密码。',
    'admin.noRefusals': '最近一小时没有请求被限流拒绝。', 'admin.limit': '限额', 'admin.count': '次数', 'admin.lastRefused': '最近一次', 'admin.knownNetwork': '已知网络',
    'admin.limit.attempts_per_ip': '每地址每分钟尝试', 'admin.limit.failures_per_ip': '每地址每小时错误回答', 'admin.limit.global': '实例每分钟总请求',
    'admin.limit.codes_per_ip': '每地址每天验证码', 'admin.limit.codes_per_user': '每用户每天验证码', 'admin.limit.codes_per_target': '每邮箱/手机号每天验证码',
    'admin.renderFailure': '发送验证码时此模板无法使用，已改用内置模板（{at}）：',
    'account.passkeys': '通行密钥（Passkey）', 'account.noPasskeys': '还没有通行密钥。', 'account.passkeysUnsupported': '此浏览器不支持通行密钥。',
    'account.passkeyName': '名称', 'account.passkeyNameHint': '例如：工作电脑、YubiKey', 'account.passkeyAdd': '添加通行密钥',
    'account.passkeyRename': '重命名', 'account.passkeyRemove': '删除', 'account.passkeyAdded': '添加于', 'account.passkeyCancelled': '未创建通行密钥：已取消或超时。',
    'account.passkeyReauth': '此操作需要确认身份：请输入当前密码。', 'account.confirm': '确认', 'account.passkeyRequired': '管理员必须先注册通行密钥，才能使用管理功能。',
    'account.reauthNeeded': '启用身份验证器需要确认身份：请输入当前密码。',
    'admin.saved': '已保存', 'admin.enabled': '启用', 'admin.default': '默认值', 'admin.preview': '预览', 'admin.length': '{n} 个字符',
    'admin.templateError': '第 {line} 行，第 {column} 列：{reason}', 'admin.notSaved': '未保存：', 'admin.listHint': '每行一项',
    'admin.search': '搜索', 'admin.role': '角色', 'admin.allRoles': '全部角色', 'admin.disabled': '停用', 'admin.unlock': '解锁',
    'admin.resetOtp': '重置 TOTP', 'admin.done': '已完成', 'admin.userId': '账号', 'admin.outcome': '结果', 'admin.allOutcomes': '全部结果',
    'admin.from': '起', 'admin.to': '止', 'admin.filter': '筛选', 'admin.time': '时间', 'admin.factors': '验证因素', 'admin.degraded': '降级',
    'admin.reason': '原因', 'admin.ip': 'IP', 'admin.page': '第 {page} 页，共 {total} 条', 'admin.prev': '上一页', 'admin.next': '下一页',
    'admin.yes': '是', 'admin.no': '否', 'admin.namespace': '命名空间',
    'admin.clients': '应用', 'admin.clientId': '客户端 ID', 'admin.clientType': '类型', 'admin.firstParty': '自有应用（无需授权确认）',
    'admin.redirectUris': '回调地址（每行一个，完全匹配）', 'admin.logoutUris': '退出后回调地址', 'admin.scopes': '范围', 'admin.register': '注册',
    'admin.newClient': '注册应用', 'admin.rotateSecret': '更换密钥', 'admin.deleteClient': '删除',
    'admin.clientSecret': '{id} 的密钥（仅显示这一次）：',
    'flow.forgotPassword': '忘记密码？', 'recovery.title': '找回密码', 'recovery.toLogin': '返回登录',
    'recovery.state.Identify': '找回密码', 'recovery.state.Verify': '输入验证码', 'recovery.state.SecondFactor': '输入身份验证器动态码或恢复码',
    'recovery.state.SetPassword': '设置新密码', 'recovery.state.Done': '密码已更改', 'recovery.state.Failed': '无法找回密码',
    'recovery.state.Locked': '已锁定', 'recovery.state.Expired': '找回已过期', 'recovery.expiresAt': '本次找回 {time} 前有效',
    'recovery.passwordRules': '至少 8 个字符，不能是常见密码，也不能包含账号。',
    'action.submitIdentifier': '发送验证码', 'action.resendCode': '重新发送', 'action.submitCode': '验证', 'action.submitNewPassword': '设置新密码',
    'field.password.submitNewPassword': '新密码',
    'admin.sendRecovery': '发送密码找回', 'admin.recoverySent': '已发送密码找回邮件，{time} 前有效。',
    'agents.title': '坐席', 'agents.all': '全部状态', 'admin.jobs': '后台任务',
    'admin.keys': 'API 密钥', 'admin.keyName': '名称', 'admin.keyExpires': '到期', 'admin.keyLastUsed': '最近使用', 'admin.keyDays': '有效天数',
    'admin.createKey': '创建密钥', 'admin.revokeKey': '吊销', 'admin.keyRevoked': '已吊销', 'admin.keyOnce': '密钥只显示这一次，请立即保存：',
    'admin.directory': '通讯录同步', 'admin.syncNow': '立即同步', 'admin.syncQueued': '已排队，稍后刷新查看结果。', 'admin.refresh': '刷新', 'admin.noSyncs': '还没有同步记录。',
    'admin.syncBy': '发起者', 'admin.syncMembers': '成员', 'admin.syncAdded': '新增', 'admin.syncUpdated': '更新', 'admin.syncDisabled': '停用',
    'field.rememberDevice': '记住此设备（一段时间内免第二步验证）', 'account.devices': '已记住的设备', 'account.noDevices': '没有记住的设备。', 'account.forgetDevice': '忘记此设备',
    'account.contacts': '联系方式', 'account.contactChannel': '修改', 'account.contactNew': '新的邮箱或手机号', 'account.currentPasswordIfAsked': '登录密码（登录已久时需要）',
    'account.contactConfirm': '确认绑定', 'account.contactChanged': '联系方式已更改，原联系方式已收到通知。', 'account.proven': '已验证', 'account.unproven': '未验证',
    'admin.newUser': '新建用户', 'admin.editUser': '编辑用户 {id}', 'admin.edit': '编辑', 'admin.cancel': '取消',
    'admin.category': '类别', 'admin.categoryHint': '第二步验证范围按类别选择用户；留空表示无。', 'admin.departments': '部门',
    'admin.noDepartments': '还没有同步的部门（请先在“通讯录同步”中同步）。', 'admin.initialPassword': '初始密码（可选）',
    'admin.allKinds': '全部类型', 'admin.kind': '类型', 'admin.kind.login': '登录', 'admin.kind.account': '账号操作', 'admin.kind.admin': '管理操作',
    'admin.actor': '操作者', 'admin.target': '对象', 'admin.changes': '变更',
    'admin.enabledHint': '不启用时使用默认值 {value}，而不是上面的值。', 'admin.enabledHintJson': '不启用时使用内置默认值，而不是上面的值。',
    'admin.defaultInForce': '（当前使用默认值）', 'problem.network_error': '无法连接服务器，请检查网络后重试。',
  },
  en: {
    'app.name': 'LoginOrchestrator sign-in', 'app.language': '中文', 'app.languageLabel': 'Change language',
    'state.Credentials': 'Sign in', 'state.WeComCheck': 'Checking with WeCom', 'state.PasswordFallback': 'Sign in with your local password',
    'state.OtpChallenge': 'Enter the code from your authenticator app', 'state.OtpChallenge.passkey': 'Confirm it is you with your passkey', 'state.TwoFactorBind': 'Add an email or phone for codes',
    'state.Captcha': 'Enter the verification code', 'state.Issued': 'Signed in', 'state.Failed': 'Sign-in failed', 'state.Locked': 'Locked',
    'state.Expired': 'This sign-in has expired',
    'action.submitPassword': 'Sign in', 'action.submitWeComCode': 'Log in with WeCom', 'action.submitOtp': 'Verify',
    'action.submitRecoveryCode': 'Use a recovery code', 'action.submitBindTarget': 'Send code', 'action.resendCaptcha': 'Resend code',
    'action.submitCaptcha': 'Verify', 'action.submitPasskey': 'Verify with a passkey', 'action.submitPasskey.passwordless': 'Sign in with a passkey',
    'flow.passkeyCancelled': 'No passkey was used: cancelled, or none on this device.', 'reason.passkey_registered': 'You have registered a passkey.',
    'field.userId': 'User ID', 'field.password': 'Password', 'field.code': 'Code', 'field.channel': 'Send by', 'field.target': 'Email or phone',
    'field.code.submitOtp': 'Code (6 digits)', 'field.code.submitRecoveryCode': 'Recovery code', 'field.target.email': 'Email address',
    'field.target.sms': 'Mobile number', 'choice.email': 'Email', 'choice.sms': 'SMS', 'choice.wecom': 'WeCom',
    'reason.otp_enrolled': 'Your account uses an authenticator app.', 'reason.two_factor_policy': 'Your organisation requires a second factor.',
    'reason.degraded_login': 'WeCom is unavailable: you signed in with your local password, so a second factor is required.',
    'reason.contact_unbound': 'Add an email address or phone number to receive codes.',
    'flow.attemptsLeft': '{n} attempts left', 'flow.codeSentTo': 'Code sent to {target}', 'flow.delivery.queued': 'Sending…',
    'flow.delivery.sent': 'Delivered', 'flow.delivery.failed': 'Could not be delivered: resend, or try again later.', 'flow.resendIn': 'Resend in {s} s',
    'flow.codeExpires': 'The code is valid until {time}', 'flow.expiresAt': 'This sign-in is valid until {time}', 'flow.lockedFor': 'Try again in {s} s.',
    'flow.locked': 'Try again later.', 'flow.restart': 'Start again', 'flow.weComForeign': 'This WeCom sign-in was not started in this browser, so nobody was signed in. Start again.', 'flow.signedIn': 'Signed in; taking you on…', 'flow.signedInAs': 'User: {name}',
    'error.network': 'The server cannot be reached: check the network and try again.', 'error.rateLimited': 'Too many requests: try again in {s} s.',
    'error.generic': 'Something went wrong: try again.',
    'account.title': 'My account', 'account.profile': 'Profile', 'account.userId': 'User ID', 'account.name': 'Name', 'account.role': 'Role',
    'account.email': 'Email', 'account.mobile': 'Mobile', 'account.status': 'Status', 'status.online': 'Online', 'status.busy': 'Busy', 'status.offline': 'Offline',
    'account.otp': 'Authenticator app (TOTP)', 'account.otpOn': 'On', 'account.otpOff': 'Off', 'account.otpEnable': 'Set up an authenticator app',
    'account.otpScan': 'Scan the QR code with your authenticator app, or type the secret:', 'account.otpQrAlt': 'Authenticator QR code',
    'account.otpSecret': 'Secret', 'account.otpConfirm': 'Confirm', 'account.otpCode': '6-digit code from the app',
    'account.recoveryTitle': 'Recovery codes (shown this once)',
    'account.recoveryHint': 'Save these now: each replaces a code from the app once, should you lose your phone.',
    'account.recoveryRegenerate': 'New recovery codes', 'account.otpRemove': 'Turn off the authenticator app', 'account.password': 'Change password',
    'account.currentPassword': 'Current password', 'account.newPassword': 'New password', 'account.passwordChange': 'Change password',
    'account.passwordChanged': 'Password changed; your other sessions were signed out.', 'account.logOut': 'Log out', 'account.sessions': 'Sessions', 'account.thisSession': 'this one', 'account.endSession': 'End', 'account.device': 'Device', 'account.signedInAt': 'Signed in', 'account.lastSeen': 'Last seen',
    'account.enrolRequired': 'Admins must set up an authenticator app before using the admin console.', 'account.adminConsole': 'Admin console',
    'account.saved': 'Saved',
    'admin.title': 'Admin console', 'admin.settings': 'Settings', 'admin.users': 'Users', 'admin.audit': 'Audit', 'admin.save': 'Save',
    'admin.limits': 'Limits', 'admin.limitsHint': 'Addresses and accounts the rate limits refused in the last hour. Many attempts from one address are most likely an office signing in at once (add its address to the known networks in the settings); many wrong answers across accounts look like guessing.',
    'admin.noRefusals': 'No request was refused by a limit in the last hour.', 'admin.limit': 'Limit', 'admin.count': 'Count', 'admin.lastRefused': 'Last', 'admin.knownNetwork': 'known network',
    'admin.limit.attempts_per_ip': 'Attempts per address per minute', 'admin.limit.failures_per_ip': 'Wrong answers per address per hour', 'admin.limit.global': 'Requests per instance per minute',
    'admin.limit.codes_per_ip': 'Codes per address per day', 'admin.limit.codes_per_user': 'Codes per user per day', 'admin.limit.codes_per_target': 'Codes per email/phone per day',
    'admin.renderFailure': 'This template could not be used when a code was sent; the built-in one went instead ({at}):',
    'account.passkeys': 'Passkeys', 'account.noPasskeys': 'No passkeys yet.', 'account.passkeysUnsupported': 'This browser does not support passkeys.',
    'account.passkeyName': 'Name', 'account.passkeyNameHint': 'e.g. work laptop, YubiKey', 'account.passkeyAdd': 'Add a passkey',
    'account.passkeyRename': 'Rename', 'account.passkeyRemove': 'Remove', 'account.passkeyAdded': 'Added', 'account.passkeyCancelled': 'No passkey was made: cancelled or timed out.',
    'account.passkeyReauth': 'This needs your identity confirmed: enter your current password.', 'account.confirm': 'Confirm', 'account.passkeyRequired': 'Admins must register a passkey before using the admin console.',
    'account.reauthNeeded': 'Setting up an authenticator needs your identity confirmed: enter your current password.',
    'admin.saved': 'Saved', 'admin.enabled': 'Enabled', 'admin.default': 'Default', 'admin.preview': 'Preview', 'admin.length': '{n} characters',
    'admin.templateError': 'Line {line}, column {column}: {reason}', 'admin.notSaved': 'Not saved: ', 'admin.listHint': 'One per line',
    'admin.search': 'Search', 'admin.role': 'Role', 'admin.allRoles': 'All roles', 'admin.disabled': 'Disabled', 'admin.unlock': 'Unlock',
    'admin.resetOtp': 'Reset TOTP', 'admin.done': 'Done', 'admin.userId': 'User ID', 'admin.outcome': 'Outcome', 'admin.allOutcomes': 'All outcomes',
    'admin.from': 'From', 'admin.to': 'To', 'admin.filter': 'Filter', 'admin.time': 'Time', 'admin.factors': 'Factors', 'admin.degraded': 'Degraded',
    'admin.reason': 'Reason', 'admin.ip': 'IP', 'admin.page': 'Page {page}, {total} in all', 'admin.prev': 'Previous', 'admin.next': 'Next',
    'admin.yes': 'yes', 'admin.no': 'no', 'admin.namespace': 'Namespace',
    'admin.clients': 'Apps', 'admin.clientId': 'Client ID', 'admin.clientType': 'Type', 'admin.firstParty': 'First-party (no consent screen)',
    'admin.redirectUris': 'Redirect URIs (one per line, matched exactly)', 'admin.logoutUris': 'Post-logout redirect URIs', 'admin.scopes': 'Scopes',
    'admin.register': 'Register', 'admin.newClient': 'Register an app', 'admin.rotateSecret': 'New secret', 'admin.deleteClient': 'Delete',
    'admin.clientSecret': 'Secret of {id} (shown this once):',
    'flow.forgotPassword': 'Forgot your password?', 'recovery.title': 'Recover your password', 'recovery.toLogin': 'Back to sign-in',
    'recovery.state.Identify': 'Recover your password', 'recovery.state.Verify': 'Enter the code', 'recovery.state.SecondFactor': 'Enter an authenticator or recovery code',
    'recovery.state.SetPassword': 'Choose a new password', 'recovery.state.Done': 'Password changed', 'recovery.state.Failed': 'This account cannot be recovered',
    'recovery.state.Locked': 'Locked', 'recovery.state.Expired': 'This recovery has expired', 'recovery.expiresAt': 'This recovery is valid until {time}',
    'recovery.passwordRules': 'At least 8 characters, not a common password, not containing your user ID.',
    'action.submitIdentifier': 'Send code', 'action.resendCode': 'Resend code', 'action.submitCode': 'Verify', 'action.submitNewPassword': 'Set new password',
    'field.password.submitNewPassword': 'New password',
    'admin.sendRecovery': 'Send password recovery', 'admin.recoverySent': 'A recovery mail was sent; it is valid until {time}.',
    'agents.title': 'Agents', 'agents.all': 'Every status', 'admin.jobs': 'Background jobs',
    'admin.keys': 'API keys', 'admin.keyName': 'Name', 'admin.keyExpires': 'Expires', 'admin.keyLastUsed': 'Last used', 'admin.keyDays': 'Valid for (days)',
    'admin.createKey': 'Create key', 'admin.revokeKey': 'Revoke', 'admin.keyRevoked': 'revoked', 'admin.keyOnce': 'The key is shown this once; store it now:',
    'admin.directory': 'Directory', 'admin.syncNow': 'Sync now', 'admin.syncQueued': 'Queued; refresh in a moment to see the result.', 'admin.refresh': 'Refresh', 'admin.noSyncs': 'No sync has run yet.',
    'admin.syncBy': 'Started by', 'admin.syncMembers': 'Members', 'admin.syncAdded': 'Added', 'admin.syncUpdated': 'Updated', 'admin.syncDisabled': 'Disabled',
    'field.rememberDevice': 'Remember this device (no second step here for a while)', 'account.devices': 'Remembered devices', 'account.noDevices': 'No device is remembered.', 'account.forgetDevice': 'Forget',
    'account.contacts': 'Contacts', 'account.contactChannel': 'Change', 'account.contactNew': 'New email or mobile number', 'account.currentPasswordIfAsked': 'Your password (needed when you signed in a while ago)',
    'account.contactConfirm': 'Confirm', 'account.contactChanged': 'Your contact was changed; the old one was told.', 'account.proven': 'verified', 'account.unproven': 'not verified',
    'admin.newUser': 'New user', 'admin.editUser': 'Edit {id}', 'admin.edit': 'Edit', 'admin.cancel': 'Cancel',
    'admin.category': 'Category', 'admin.categoryHint': 'The two-factor scope can pick users by category; empty: none.', 'admin.departments': 'Departments',
    'admin.noDepartments': 'No department has been synced yet (sync the directory first).', 'admin.initialPassword': 'Initial password (optional)',
    'admin.allKinds': 'Every kind', 'admin.kind': 'Kind', 'admin.kind.login': 'Login', 'admin.kind.account': 'Account action', 'admin.kind.admin': 'Admin action',
    'admin.actor': 'Actor', 'admin.target': 'Target', 'admin.changes': 'Changes',
    'admin.enabledHint': 'Not enabled: the default {value} applies instead of the value above.', 'admin.enabledHintJson': 'Not enabled: the built-in default applies instead of the value above.',
    'admin.defaultInForce': '(the default is in force now)', 'problem.network_error': 'The server cannot be reached: check the network and try again.',
  },
};

const LanguageKey = 'loginorchestrator.language';

export function language() {
  const chosen = localStorage.getItem(LanguageKey);
  return chosen === 'en' || chosen === 'zh-CN' ? chosen : 'zh-CN';
}

export function t(key, values = {}) {
  const text = texts[language()][key] ?? texts.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
}

export function has(key) { return key in texts[language()]; }

// The language switch in the header: reloads the page in the other language.
export function languageSwitch() {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = t('app.language');
  button.setAttribute('aria-label', t('app.languageLabel'));
  button.lang = language() === 'en' ? 'zh-CN' : 'en';
  button.addEventListener('click', () => {
    localStorage.setItem(LanguageKey, language() === 'en' ? 'zh-CN' : 'en');
    location.reload();
  });
  return button;
}

export function applyLanguage() {
  document.documentElement.lang = language();
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  document.querySelector('#language')?.replaceChildren(languageSwitch());
}

export function formatTime(iso) {
  return new Date(iso).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
